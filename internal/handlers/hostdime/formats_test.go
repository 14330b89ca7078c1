package hostdime_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/config"
)

const xmlHead = `<?xml version="1.0" encoding="utf-8"?>` + "\n"

func TestXML(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	r := c.call(t, "server.get", "xml", kv("cuid", "S38"))
	assert.Equal(t, "application/xml", r.Header.Get("Content-Type"))
	assert.Equal(t, xmlHead+`<xml><error/><response><cuid>S38</cuid><label>db-01</label><name>db01.example.com</name><status>active</status><power>on</power><type>Supermicro 5019S</type><ip_main>198.51.100.40</ip_main><dns><item><dns>ns1.hostdime.com</dns><ip>198.51.100.2</ip></item></dns><cpu>Intel Xeon E3-1230 v6 @ 3.50GHz</cpu><memory>16GB DDR4</memory><ssh_port>2222</ssh_port><hard_drives><item><size>2TB</size><type>SATA</type></item></hard_drives><control_panel>None</control_panel><ip_ipmi></ip_ipmi><ipmi_password></ipmi_password></response></xml>`, r.Body)

	r = c.call(t, "ticket.create", "xml", kv("subject", "s"), kv("body", "b"))
	assert.Equal(t, xmlHead+`<xml><error/><response><id>100001</id></response></xml>`, r.Body)
	r = c.call(t, "vps.stop", "xml", kv("cuid", "V101"))
	assert.Equal(t, xmlHead+`<xml><error/><response>true</response></xml>`, r.Body)
	r = c.call(t, "domain.list", "xml", kv("status", "expired"))
	assert.Equal(t, xmlHead+`<xml><error/><response><item><domain>example.net</domain><status>expired</status><created>2011-01-15</created><expires>2013-01-15</expires></item></response></xml>`, r.Body)
	r = c.call(t, "server.get", "xml", kv("cuid", "S90"))
	assert.Equal(t, xmlHead+`<xml><error><code>404</code><message>Service not found: S90</message></error><response/></xml>`, r.Body)

	// Echoed names and values are escaped; names that are no XML names go in an attribute.
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.xml", "foo=%3Cb%3E%26%22&1x=y&a%20b=%27&xmlns=z", "Content-Type", form)
	assert.Equal(t, xmlHead+`<xml><error/><response><foo>&lt;b&gt;&amp;&#34;</foo><item key="1x">y</item><item key="a b">&#39;</item><item key="xmlns">z</item></response></xml>`, r.Body)
	r = s.Do(t, "POST", "/hostdime/v1/nothing/here.xml", "", "Content-Type", form)
	assert.Equal(t, xmlHead+`<xml><error><code>404</code><message>Unknown API method: nothing.here</message></error><response/></xml>`, r.Body)
}

func TestYAML(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	r := c.call(t, "vps.get", "yml", kv("cuid", "V101"))
	assert.Equal(t, "text/yaml", r.Header.Get("Content-Type"))
	assert.Equal(t, `error: null
response:
  cuid: V101
  name: vps101.example.com
  status: active
  power: "on"
  memory: 2048MB
  os: CentOS 7 64-bit
  control_panel: cPanel/WHM
  ip_main: 203.0.113.101
  dns:
    - dns: ns1.hostdime.com
      ip: 198.51.100.2
    - dns: ns2.hostdime.com
      ip: 198.51.100.3
  ssh_port: "22"
  disk_usage: "10240"
  disk_quota: "40960"
`, r.Body)
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.yml", "foo=bar&faz=baz", "Content-Type", form)
	assert.Equal(t, "error: null\nresponse:\n  foo: bar\n  faz: baz\n", r.Body, "the layout of spec §7.1")
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.yml", "n=no&e=&t=true&c=a%3A+b", "Content-Type", form)
	assert.Equal(t, "error: null\nresponse:\n  n: \"no\"\n  e: \"\"\n  t: \"true\"\n  c: 'a: b'\n", r.Body)
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.yml", "", "Content-Type", form)
	assert.Equal(t, "error: null\nresponse: {}\n", r.Body)
	assert.Equal(t, "error: null\nresponse: true\n", c.call(t, "server.power.cycle", "yml", kv("cuid", "S37")).Body)
	assert.Equal(t, "error: null\nresponse:\n  id: 100001\n", c.call(t, "ticket.create", "yml", kv("subject", "s"), kv("body", "b")).Body)
	assert.Equal(t, "error:\n  code: 401\n  message: Missing authentication parameters\nresponse: null\n",
		s.Do(t, "POST", "/hostdime/v1/server/list.yml", "", "Content-Type", form).Body)
	second := newClient(s)
	second.pub, second.priv = "hd-pub-0002", "hd-priv-0002"
	assert.Equal(t, "error: null\nresponse: []\n", second.call(t, "domain.list", "yml").Body)
}

func TestJSONP(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, "POST", "/hostdime/v1/utility/echo.json", "foo=bar&callback=jQuery_123.cb$", "Content-Type", form)
	assert.Equal(t, "application/javascript", r.Header.Get("Content-Type"))
	assert.Equal(t, `jQuery_123.cb$({"error":null,"response":{"foo":"bar"}});`, r.Body)
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.json?callback=fromQuery", "foo=</script>", "Content-Type", form)
	assert.Equal(t, `fromQuery({"error":null,"response":{"foo":"<\/script>"}});`, r.Body)
	// Errors are wrapped too.
	r = s.Do(t, "POST", "/hostdime/v1/server/list.json", "callback=cb", "Content-Type", form)
	assert.Equal(t, `cb(`+errJSON(401, "Missing authentication parameters")+`);`, r.Body)

	for _, bad := range []string{"alert(1)//", "1abc", "a-b", "a b", "x;y", strings.Repeat("a", 129), "<script>"} {
		r = s.Do(t, "POST", "/hostdime/v1/utility/echo.json", encode([][2]string{{"foo", "bar"}, {"callback", bad}}), "Content-Type", form)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"), bad)
		assert.Equal(t, errJSON(400, "Invalid JSONP callback name"), r.Body, bad)
	}
	// callback is ignored on .xml and .yml.
	r = s.Do(t, "POST", "/hostdime/v1/utility/echo.yml", "foo=bar&callback=alert(1)", "Content-Type", form)
	assert.Equal(t, "error: null\nresponse:\n  foo: bar\n", r.Body)

	// A signed JSONP call passes whether the client hashed callback or not.
	c := newClient(s)
	r = c.call(t, "server.get", "json", kv("cuid", "S38"), kv("callback", "cb"))
	assert.Equal(t, "cb("+okJSON(s38JSON)+");", r.Body, "hashed with callback")
	c.extraAfter = [][2]string{{"callback", "cb2"}}
	r = c.call(t, "server.get", "json", kv("cuid", "S38"))
	assert.Equal(t, "cb2("+okJSON(s38JSON)+");", r.Body, "hashed without callback")
}

func TestRouting(t *testing.T) {
	s := newServer(t, nil)
	echo := okJSON(`{"a":"b"}`)
	for _, path := range []string{
		"/hostdime/v1/utility/echo.json",
		"/hostdime/v1//utility/echo.json",
		"/hostdime//v1///utility//echo.json",
		"/hostdime/utility/echo.json",
	} {
		r := s.Do(t, "POST", path, "a=b", "Content-Type", form)
		assert.Equal(t, echo, r.Body, path)
	}
	r := s.Do(t, "POST", "/v1/utility/echo.json", "a=b", "Host", "api.hostdime.com", "Content-Type", form)
	assert.Equal(t, echo, r.Body, "real host, real path")
	r = s.Do(t, "POST", "/v1//utility/echo.json", "a=b", "Host", "api.hostdime.com:443", "Content-Type", form)
	assert.Equal(t, echo, r.Body)

	// A deep method from the path, signed through the real host.
	c := newClient(s)
	body := c.body("server.power.cycle", [][2]string{{"cuid", "S37"}})
	r = s.Do(t, "POST", "/v1/server/power/cycle.json", body, "Host", "api.hostdime.com", "Content-Type", form)
	assert.Equal(t, okJSON("true"), r.Body)

	cases := []struct {
		method, path string
		want         string
	}{
		{"GET", "/hostdime/v1/utility/echo.json", errJSON(405, "Only POST requests are accepted")},
		{"PUT", "/hostdime/v1/server/list.json", errJSON(405, "Only POST requests are accepted")},
		{"POST", "/hostdime/v1/server/reboot.json", errJSON(404, "Unknown API method: server.reboot")},
		{"POST", "/hostdime/v1/server.json", errJSON(404, "Unknown API method: server")},
		{"POST", "/hostdime/v1/", errJSON(404, "Unknown API method: ")},
		{"POST", "/hostdime/v1/server/list", errJSON(415, "Unsupported response format: ")},
		{"POST", "/hostdime/v1/server/list.yaml", errJSON(415, "Unsupported response format: yaml")},
		{"POST", "/hostdime/v1/server/list.JSON", errJSON(415, "Unsupported response format: JSON")},
		{"POST", "/hostdime/v1/a%22b/c.json", errJSON(404, `Unknown API method: a\"b.c`)},
		{"POST", "/hostdime/v1/" + strings.Repeat("m", 300) + ".json", errJSON(404, "Unknown API method: "+strings.Repeat("m", 200))},
	}
	for _, tc := range cases {
		r := s.Do(t, tc.method, tc.path, "", "Content-Type", form)
		assert.Equal(t, 200, r.Status, tc.path)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"), tc.path)
		assert.Equal(t, tc.want, r.Body, "%s %s", tc.method, tc.path)
	}
	r = s.Do(t, "GET", "/hostdime/v1/server/list.yml", "")
	assert.Equal(t, "error:\n  code: 405\n  message: Only POST requests are accepted\nresponse: null\n", r.Body)
}

func TestBodyTooLarge(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.BodyLimit = 1024 })
	r := s.Do(t, "POST", "/hostdime/v1/utility/echo.xml", "a="+strings.Repeat("x", 2000), "Content-Type", form)
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.Status)
	assert.Equal(t, xmlHead+`<xml><error><code>413</code><message>Request body too large</message></error><response/></xml>`, r.Body)
}
