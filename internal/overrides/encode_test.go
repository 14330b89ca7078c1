package overrides_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// nodecoForm is a correctly signed NODE call with extra pairs.
func nodecoForm(extra ...string) string {
	const user, key, random = "12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123"
	v := []string{"user_id=" + user, "random=" + random, "checksum=" + verify.SignNodeco(user, key, random)}
	for i := 0; i+1 < len(extra); i += 2 {
		v = append(v, url.QueryEscape(extra[i])+"="+url.QueryEscape(extra[i+1]))
	}
	return strings.Join(v, "&")
}

// An override given the provider's own JSON answer must answer with the
// provider's own bytes in every format the provider speaks: the encoding is
// the provider's, not ours.
func TestOverrideEncodesAsTheProvider(t *testing.T) {
	form := "application/x-www-form-urlencoded"
	echo := "a=x%2Fy&b=caf%C3%A9+%3Cb%3E&c=%F0%9F%98%80"
	for _, c := range []struct {
		name, provider, endpoint string
		// jsonPath answers the same as path, in JSON.
		jsonPath, path, body, ctype string
	}{
		{"hostdime json", "hostdime", "utility.echo", "/hostdime/v1/utility/echo.json", "/hostdime/v1/utility/echo.json", echo, form},
		{"hostdime jsonp", "hostdime", "utility.echo", "/hostdime/v1/utility/echo.json", "/hostdime/v1/utility/echo.json?callback=cb.x", echo, form},
		{"hostdime xml", "hostdime", "utility.echo", "/hostdime/v1/utility/echo.json", "/hostdime/v1/utility/echo.xml", echo, form},
		{"hostdime yml", "hostdime", "utility.echo", "/hostdime/v1/utility/echo.json", "/hostdime/v1/utility/echo.yml", echo, form},
		{"hostdime error xml", "hostdime", "server.list", "/hostdime/v1/server/list.json", "/hostdime/v1/server/list.xml", "", form},
		{"nodeco json", "nodeco", "get_arch_list", "/nodeco/api/v1/get_arch_list", "/nodeco/api/v1/get_arch_list", nodecoForm(), form},
		{"nodeco xml", "nodeco", "get_arch_list", "/nodeco/api/v1/get_arch_list", "/nodeco/api/v1/get_arch_list", nodecoForm("format", "xml"), form},
		{"virtdedi xml in the query", "virtdedi", "get_os_template_list", "/virtdedi/api/v1/get_os_template_list", "/virtdedi/api/v1/get_os_template_list?format=xml", nodecoForm(), form},
		{"nodeco error xml", "nodeco", "get_server_list", "/nodeco/api/v1/get_server_list", "/nodeco/api/v1/get_server_list?format=xml", "user_id=1", form},
		{"gempay", "gempay", "order", "/gempay/api/order", "/gempay/api/order", "", ""},
		{"geniusplugin", "geniusplugin", "getcredit", "/geniusplugin/api/v1/getcredit/", "/geniusplugin/api/v1/getcredit/", "domain=a", form},
		{"zipay", "zipay", "balance", "/zipay/api/balance", "/zipay/api/balance", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, nil)
			var h []string
			if c.ctype != "" {
				h = []string{"Content-Type", c.ctype}
			}
			// The JSON form of the answer is what the override is given.
			jsonBody := c.body
			if c.provider == "nodeco" || c.provider == "virtdedi" {
				jsonBody = strings.Replace(c.body, "&format=xml", "", 1)
			}
			asJSON := s.Do(t, "POST", c.jsonPath, jsonBody, h...)
			require.True(t, json.Valid([]byte(asJSON.Body)), asJSON.Body)
			want := s.Do(t, "POST", c.path, c.body, h...)

			add(t, s, `{"provider":"`+c.provider+`","endpoint":"`+c.endpoint+`","after_auth":false,"response":{"status":`+
				itoa(want.Status)+`,"json":`+asJSON.Body+`}}`)
			got := s.Do(t, "POST", c.path, c.body, h...)
			assert.Equal(t, want.Status, got.Status)
			assert.Equal(t, want.Body, got.Body)
			assert.Equal(t, want.Header.Get("Content-Type"), got.Header.Get("Content-Type"))
			assert.Equal(t, want.Header.Get("X-Content-Type-Options"), got.Header.Get("X-Content-Type-Options"))
			assert.Equal(t, `{"count":1}`+"\n", count(t, s, "outcome=override"), "it was the override")
		})
	}
}

func itoa(n int) string { return strings.TrimSpace(string(must(json.Marshal(n)))) }

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// Bare values and the number kinds the envelopes do not have.
func TestOverrideEncodesBareValues(t *testing.T) {
	for _, c := range []struct{ provider, path, json, want string }{
		{"hostdime", "/hostdime/v1/utility/echo.json", `["a/b",1,2.5,true,null]`, `["a\/b",1,"2.5",true,null]`},
		{"hostdime", "/hostdime/v1/utility/echo.xml", `["a<b",{"k":1}]`, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xml><item>a&lt;b</item><item><k>1</k></item></xml>"},
		{"hostdime", "/hostdime/v1/utility/echo.xml", `"x&y"`, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xml>x&amp;y</xml>"},
		{"hostdime", "/hostdime/v1/utility/echo.yml", `["no",1]`, "- \"no\"\n- 1\n"},
		{"nodeco", "/nodeco/api/v1/get_arch_list", `[1.50,"é/"]`, `[1.50,"\u00e9\/"]`},
		{"nodeco", "/nodeco/api/v1/get_arch_list?format=xml", `{"code":"OK","data":[{"a":1.50},true,null]}`,
			"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<data>\n    <record>\n        <a>1.50</a>\n    </record>\n    <record>true</record>\n    <record></record>\n</data>\n"},
		{"gempay", "/gempay/api/order", `{"m":"<é/>"}`, `{"m":"\u003cé/\u003e"}`},
		{"zipay", "/zipay/api/balance", `{"m":"<é/>"}`, `{"m":"<é/>"}`},
		{"geniusplugin", "/geniusplugin/api/v1/list/", `{"m":"<é/>"}`, `{"m":"<\u00e9\/>"}`},
	} {
		t.Run(c.provider+" "+c.path, func(t *testing.T) {
			s := newServer(t, nil)
			add(t, s, `{"provider":"`+c.provider+`","after_auth":false,"response":{"json":`+c.json+`}}`)
			r := s.Do(t, "POST", c.path, "")
			assert.Equal(t, c.want, r.Body)
		})
	}
}
