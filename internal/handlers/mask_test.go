package handlers

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMaskQueryWithAnyCharacters(t *testing.T) {
	// A NODE GET whose query holds {, < or a newline used to skip masking.
	assert.Equal(t, "user_id=12312&random=%7Bx%3C&checksum=0123...cdef",
		MaskQuery("user_id=12312&random=%7Bx%3C&checksum=0123456789abcdef"))
	assert.Equal(t, "user_id=12312&random={x<\n&checksum=0123...cdef",
		MaskQuery("user_id=12312&random={x<\n&checksum=0123456789abcdef"))
	// An escape the form parser rejects still has its value masked.
	assert.Equal(t, "password=%ZZs...cret&a=1", MaskQuery("password=%ZZsupersecret&a=1"))
	assert.Equal(t, "hash=%2A%2A%2A%2A", MaskQuery("hash=a%2Bbc"), "masking twice changes nothing")
	assert.Equal(t, "", MaskQuery(""))
}

func TestMaskBodyJSONKeepsBytes(t *testing.T) {
	in := `{"user_id":"12312", "checksum" : "0123456789abcdef","nested":{"password":"hunter2hunter2","n":1},"list":[{"api_key":"k\u00e9y-0123456789"}],"key":7}`
	want := `{"user_id":"12312", "checksum" : "0123...cdef","nested":{"password":"hunt...ter2","n":1},"list":[{"api_key":"kéy...6789"}],"key":7}`
	got := MaskBody([]byte(in), "application/json")
	assert.Equal(t, want, got)
	assert.Equal(t, `[1,"password",{"token":"***"}]`, MaskBody([]byte(`[1,"password",{"token":"abc"}]`), ""))
}

func TestMaskBodyMultipart(t *testing.T) {
	body := "--XYZ\r\nContent-Disposition: form-data; name=\"domain\"\r\n\r\nexample.com\r\n" +
		"--XYZ\r\nContent-Disposition: form-data; name=\"hash\"\r\n\r\n0123456789abcdef0123\r\n" +
		"--XYZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nS3cret-Passw0rd\r\n--XYZ--\r\n"
	want := "--XYZ\r\nContent-Disposition: form-data; name=\"domain\"\r\n\r\nexample.com\r\n" +
		"--XYZ\r\nContent-Disposition: form-data; name=\"hash\"\r\n\r\n0123...0123\r\n" +
		"--XYZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nS3cr...w0rd\r\n--XYZ--\r\n"
	assert.Equal(t, want, MaskBody([]byte(body), "multipart/form-data; boundary=XYZ"))
}

func TestMaskBodyRawText(t *testing.T) {
	// Text no parser accepts: broken JSON, XML, a line-broken form.
	assert.Equal(t, `{"password":"hunt...ter2", broken`, MaskBody([]byte(`{"password":"hunter2hunter2", broken`), "application/json"))
	assert.Equal(t, `<root_password>abcd...mnop</root_password>`, MaskBody([]byte(`<root_password>abcdefghijklmnop</root_password>`), "text/xml"))
	assert.Equal(t, "a=1\nchecksum=0123...cdef\n", MaskBody([]byte("a=1\nchecksum=0123456789abcdef\n"), "text/plain"))
	assert.Equal(t, "monkey=bananas", MaskBody([]byte("monkey=bananas"), "text/plain"), "only whole names")
}

func TestMaskAnswerEchoedPasswords(t *testing.T) {
	assert.Equal(t, `{"code":200,"data":{"server_id":"1","root_password":"Xk3p...Qz9w"}}`,
		MaskAnswer([]byte(`{"code":200,"data":{"server_id":"1","root_password":"Xk3pA7mL2Qz9w"}}`)))
	assert.Equal(t, `{"data":{"server_id":"1","password":"*****"}}`, MaskAnswer([]byte(`{"data":{"server_id":"1","password":"n3wpw"}}`)))
	assert.Equal(t, `<data><password>n3wp...ord1</password></data>`, MaskAnswer([]byte(`<data><password>n3wpassword1</password></data>`)))
	assert.Equal(t, `{"api_key":"shown-in-answers"}`, MaskAnswer([]byte(`{"api_key":"shown-in-answers"}`)), "answers mask passwords only")
}

func TestMaskHeaders(t *testing.T) {
	h := http.Header{"Authorization": {"Bearer 0123456789abcdef"}, "Api-Sign": {"c2lnbmF0dXJlLXZhbHVl"}, "Accept": {"*/*"}, "X-Api-Key": {"gempay-test-key-0001"}}
	assert.Equal(t, map[string]string{"Authorization": "Bearer 0123...cdef", "Api-Sign": "c2ln...bHVl", "Accept": "*/*", "X-Api-Key": "gemp...0001"}, maskHeaders(h))
}

func TestContainsFoldASCII(t *testing.T) {
	for _, c := range []struct {
		b    string
		want bool
	}{
		{`{"root_password":"x"}`, true}, {`{"Root_PASSWORD":"x"}`, true}, {"<password>x</password>", true},
		{`{"passwor":"d"}`, false}, {"", false}, {"passw", false},
	} {
		assert.Equal(t, c.want, containsFoldASCII([]byte(c.b), "password"), c.b)
	}
}

// The one-pass JSON masker on the shapes that trip scanners: escaped quotes
// and backslashes, an escaped key, whitespace around the colon, a secret key
// with a non-string value, secrets nested in arrays, and a secret-looking
// string that is a value, not a key.
func TestMaskJSONShapes(t *testing.T) {
	names := map[string]bool{"password": true}
	for in, want := range map[string]string{
		`{"password":"Secret-pass-1"}`:                                `{"password":"Secr...ss-1"}`,
		`{"a":"x\"password\":\"y","password" : "Secret-pass-1" }`:     `{"a":"x\"password\":\"y","password" : "Secr...ss-1" }`,
		`{"pass\u0077ord":"Secret-pass-1"}`:                           `{"pass\u0077ord":"Secr...ss-1"}`,
		`{"PassWord":"Secret-pass-1","n":1}`:                          `{"PassWord":"Secr...ss-1","n":1}`,
		`{"password":12345678901,"b":[{"password":"abc\\def-ghij"}]}`: `{"password":12345678901,"b":[{"password":"abc\\...ghij"}]}`,
		`["password","Secret-pass-1"]`:                                `["password","Secret-pass-1"]`,
		`{"note":"password"}`:                                         `{"note":"password"}`,
	} {
		got, ok := maskJSON([]byte(in), names)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	_, ok := maskJSON([]byte(`{"password":"x"`), names)
	assert.False(t, ok, "invalid JSON is left to the pattern masker")
}

// The fast path of MaskForm gives exactly what the patterns would have.
func TestMaskFormPlainFastPathAgrees(t *testing.T) {
	for _, s := range []string{
		"api_key=foobar1234567&api_timestamp=1&api_unique=u&cuid=S37&api_hash=abcdef0123456789",
		"user_id=12312&random=r&checksum=0123456789abcdef&server_id=1",
		"a=1&b=&c&password=Secret-pass-1",
		"note=api_key=SECRET-VALUE-1", "x.api_key=SECRET-VALUE-1", "a=%22password%22", "key = SECRET-VALUE-1",
		"api%5Fkey=SECRET-VALUE-1", `{"password":"Secret-pass-1"}`, "<password>Secret-pass-1</password>",
	} {
		assert.Equal(t, maskRaw(maskPairs(s, secretNames)), MaskForm(s), s)
	}
	assert.True(t, plainForm("a=1&b-c_D=2&e"))
	assert.False(t, plainForm("note=api_key=x"))
	assert.False(t, plainForm("x.key=1"))
}

// The kept journal copy is the copy of exactly those bytes: a different
// answer is masked afresh, the same one is not parsed again.
func TestAnswerMemo(t *testing.T) {
	var m answerMemo
	a := []byte(`{"root_password":"Secret-pass-1"}`)
	b := []byte(`{"root_password":"Other-pass-22"}`)
	assert.Equal(t, `{"root_password":"Secr...ss-1"}`, m.journalCopy(a))
	assert.Equal(t, `{"root_password":"Othe...s-22"}`, m.journalCopy(b))
	again := append([]byte(nil), a...)
	assert.Equal(t, `{"root_password":"Secr...ss-1"}`, m.journalCopy(again))
	again[2] = 'R' // the memo keeps its own copy of the bytes
	assert.Equal(t, `{"Root_password":"Secr...ss-1"}`, m.journalCopy(again))
	assert.Equal(t, "", m.journalCopy(nil))
}
