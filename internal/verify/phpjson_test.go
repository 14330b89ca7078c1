package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSONStringStyles(t *testing.T) {
	cases := []struct{ in, php, plain string }{
		{"", `""`, `""`},
		{"a/b", `"a\/b"`, `"a/b"`},
		{`q"b\s`, `"q\"b\\s"`, `"q\"b\\s"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`, `"\b\f\n\r\t"`},
		{"\x00\x01\x1f", `"\u0000\u0001\u001f"`, `"\u0000\u0001\u001f"`},
		{"<>&'\x7f", "\"<>&'\x7f\"", "\"<>&'\x7f\""},
		{"é", `"\u00e9"`, `"é"`},
		{"\u2028\u2029", `"\u2028\u2029"`, "\"\u2028\u2029\""},
		{"\uffff", `"\uffff"`, "\"\uffff\""},
		{"😀", `"\ud83d\ude00"`, `"😀"`},
		{"\U0010FFFF", `"\udbff\udfff"`, "\"\U0010FFFF\""},
		{"a\xffb", `"a\ufffdb"`, "\"a\ufffdb\""},
	}
	for _, c := range cases {
		assert.Equal(t, c.php, JSONString(StylePHP, c.in), "php %q", c.in)
		assert.Equal(t, c.plain, JSONString(StylePlain, c.in), "plain %q", c.in)
	}
}

func TestJSONObject(t *testing.T) {
	assert.Equal(t, "{}", JSONObject(StylePHP, nil))
	assert.Equal(t, `{"status":"registered","order":"desc"}`, JSONObject(StylePHP, [][2]string{{"status", "registered"}, {"order", "desc"}}))
	assert.Equal(t, `{"u":"a\/b","k\/":"\u00e9"}`, JSONObject(StylePHP, [][2]string{{"u", "a/b"}, {"k/", "é"}}))
	assert.Equal(t, `{"u":"a/b","k/":"é"}`, JSONObject(StylePlain, [][2]string{{"u", "a/b"}, {"k/", "é"}}))
	// Double encoding, as every wrapper does.
	assert.Equal(t, `"{\"u\":\"a\\\/b\"}"`, JSONString(StylePHP, JSONObject(StylePHP, [][2]string{{"u", "a/b"}})))
	assert.Equal(t, `"{\"u\":\"a/b\"}"`, JSONString(StylePlain, JSONObject(StylePlain, [][2]string{{"u", "a/b"}})))
}
