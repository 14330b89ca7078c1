package zipay_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/verify"
)

func lastZipay(t *testing.T, s *apptest.Server) journal.Entry {
	t.Helper()
	list := s.App.Journal.List(journal.Filter{Provider: "zipay", Limit: 1})
	require.Len(t, list, 1)
	return list[0]
}

var reRandom12 = regexp.MustCompile(`^\{"trackid":"[0-9A-F]{6}(-[0-9A-F]{6}){3}","result":[12],"success":true,"status":200\}$`)

// Parameters come only from bodies PHP parses ("Send the parameters as POST
// (and not json)"): a urlencoded body as sent, a multipart body as
// http_build_query of its fields; any other body reaches the method with no
// parameters, its signature checked against the empty string, and the
// journal names the Content-Type as the cause.
func TestParametersOnlyFromBodiesPHPParses(t *testing.T) {
	const form = "min=1&max=2"
	const jsonBody = `{"min":1,"max":2}`
	mp, mpType := apptest.Multipart(t, apptest.Part{Name: "min", Value: "1"}, apptest.Part{Name: "max", Value: "2"})
	mpRepeat, mpRepeatType := apptest.Multipart(t, apptest.Part{Name: "min", Value: "5"}, apptest.Part{Name: "max", Value: "2"}, apptest.Part{Name: "min", Value: "1"})
	mpFile, mpFileType := apptest.Multipart(t, apptest.Part{Name: "min", Value: "1"}, apptest.Part{Name: "max", Value: "2", File: "max.txt"})
	const ignoredTail = `, which PHP does not parse into parameters ("Send the parameters as POST (and not json)"): the method saw no parameters and the signature was checked against the empty string; send application/x-www-form-urlencoded (or multipart/form-data); `
	cases := []struct {
		name        string
		ctype, body string
		signed      string // what the client signed
		status      int
		want        string // the body, or "" for a random result in [1, 2]
		cause       string // the start of the journal explanation, "" for none
	}{
		{"urlencoded", "application/x-www-form-urlencoded", form, form, 200, "", ""},
		{"urlencoded with a charset", "application/x-www-form-urlencoded; charset=UTF-8", form, form, 200, "", ""},
		{"multipart signed as http_build_query of its fields", mpType, mp, form, 200, "", ""},
		{"multipart signed over its raw bytes", mpType, mp, mp, 403, errBody(403, "auth", "INVALID_API_SIGN"), ""},
		{"multipart repeated name: first place, last value", mpRepeatType, mpRepeat, "min=1&max=2", 200, "", ""},
		{"multipart file part is no parameter", mpFileType, mpFile, "min=1", 422, errBody(422, "max", "REQUIRED"), ""},
		{"multipart without a boundary", "multipart/form-data", form, form, 403, errBody(403, "auth", "INVALID_API_SIGN"),
			"the multipart/form-data body could not be parsed (no boundary)" + ignoredTail},
		{"JSON signed over its bytes", "application/json", jsonBody, jsonBody, 403, errBody(403, "auth", "INVALID_API_SIGN"),
			`the body was sent as Content-Type "application/json"` + ignoredTail},
		{"JSON signed over nothing", "application/json", jsonBody, "", 422, errBody(422, "min", "REQUIRED", "max", "REQUIRED"),
			`the body was sent as Content-Type "application/json"` + ignoredTail},
		{"text/plain", "text/plain", form, form, 403, errBody(403, "auth", "INVALID_API_SIGN"),
			`the body was sent as Content-Type "text/plain"` + ignoredTail},
		{"no Content-Type", "", form, form, 403, errBody(403, "auth", "INVALID_API_SIGN"),
			`the body was sent without a Content-Type` + ignoredTail},
		{"no Content-Type, signed over nothing", "", form, "", 422, errBody(422, "min", "REQUIRED", "max", "REQUIRED"),
			`the body was sent without a Content-Type` + ignoredTail},
	}
	s := newServer(t, nil)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := []string{"api_key", mainKey, "api_sign", verify.SignZipay(mainSecret, c.signed)}
			if c.ctype != "" {
				h = append(h, "Content-Type", c.ctype)
			}
			r := s.Do(t, http.MethodPost, "/zipay/api/random", c.body, h...)
			assert.Equal(t, c.status, r.Status)
			if c.want == "" {
				assert.Regexp(t, reRandom12, r.Body)
			} else {
				assert.Equal(t, c.want, r.Body)
			}
			e := lastZipay(t, s)
			if c.cause == "" {
				assert.NotContains(t, e.Explanation, "PHP does not parse")
			} else {
				assert.True(t, strings.HasPrefix(e.Explanation, c.cause), "explanation %q", e.Explanation)
			}
		})
	}

	// A method that needs no parameters passes whatever the body, when the
	// client signed the empty string.
	r := s.Do(t, http.MethodPost, "/zipay/api/balance", `{"currency":"USDT"}`, "Content-Type", "application/json", "api_key", mainKey, "api_sign", verify.SignZipay(mainSecret, ""))
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, balanceBody("1000", "1000", "100000000"), r.Body, "all wallets: the currency in the JSON body was not seen")
}

// random's min and max are 64-bit integers, as PHP's are.
func TestRandom64Bit(t *testing.T) {
	s := newServer(t, nil)
	cases := []struct {
		body   string
		lo, hi int64
		err    string
	}{
		{body: "min=2147483647&max=2147483649", lo: 2147483647, hi: 2147483649},
		{body: "min=-2147483650&max=-2147483649", lo: -2147483650, hi: -2147483649},
		{body: "min=9223372036854775806&max=9223372036854775807", lo: 9223372036854775806, hi: 9223372036854775807},
		{body: "min=-9223372036854775808&max=-9223372036854775807", lo: -9223372036854775808, hi: -9223372036854775807},
		{body: "min=-9223372036854775808&max=9223372036854775807", lo: -9223372036854775808, hi: 9223372036854775807},
		{body: "min=0&max=9223372036854775808", err: errBody(422, "max", "INVALID")},
		{body: "min=-9223372036854775809&max=0", err: errBody(422, "min", "INVALID")},
		{body: "min=9223372036854775807&max=9223372036854775807", err: errBody(422, "max", "INVALID")},
	}
	re := regexp.MustCompile(`^\{"trackid":"[0-9A-F]{6}(-[0-9A-F]{6}){3}","result":(-?[0-9]+),"success":true,"status":200\}$`)
	for _, c := range cases {
		for range 5 {
			r := mainCall(t, s, "random", c.body)
			if c.err != "" {
				expect(t, r, 422, c.err)
				break
			}
			m := re.FindStringSubmatch(r.Body)
			require.NotNil(t, m, "%s: %s", c.body, r.Body)
			n, err := strconv.ParseInt(m[2], 10, 64)
			require.NoError(t, err)
			assert.True(t, n >= c.lo && n <= c.hi, "%s: %d", c.body, n)
		}
	}
}
