package hostdime

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

func TestParsePath(t *testing.T) {
	cases := map[string]route{
		"/v1/server/list.json":        {"server.list", "json"},
		"/v1/server/power/cycle.json": {"server.power.cycle", "json"},
		"/v1//ticket/create.xml":      {"ticket.create", "xml"},
		"/vps/stop.yml":               {"vps.stop", "yml"},
		"/v1/server/list":             {"server.list", ""},
		"/v1/server/list.json/":       {"server.list", "json"},
		"/":                           {},
		"/v1":                         {},
		"/v1/v1/x.json":               {"v1.x", "json"},
		"/v1/server/list.tar.json":    {"server.list.tar", "json"},
	}
	for in, want := range cases {
		assert.Equal(t, want, parsePath(in), in)
	}
}

func TestFormDecode(t *testing.T) {
	assert.Equal(t, "a b c", formDecode("a+b%20c"))
	assert.Equal(t, "100%", formDecode("100%"))
	assert.Equal(t, "%zz%4", formDecode("%zz%4"))
	assert.Equal(t, "é", formDecode("%C3%a9"))
	assert.Equal(t, [][2]string{{"a", ""}, {"b", "=c"}, {"d", "x"}}, parseForm("a&&b==c&=skip&d=x"))
}

func TestApplyAction(t *testing.T) {
	cases := []struct {
		status, power string
		act           actionKind
		wantStatus    string
		wantPower     string
		err           string
	}{
		{"active", "on", actSuspend, "clientsuspend", "on", ""},
		{"clientsuspend", "on", actSuspend, "clientsuspend", "on", ""},
		{"suspended", "off", actSuspend, "suspended", "off", ""},
		{"clientsuspend", "on", actUnsuspend, "active", "on", ""},
		{"active", "on", actUnsuspend, "active", "on", ""},
		{"suspended", "off", actUnsuspend, "suspended", "off", "Service was suspended by HostDime and cannot be unsuspended through the API: X1"},
		{"active", "on", actPowerOff, "active", "off", ""},
		{"active", "off", actPowerOn, "active", "on", ""},
		{"active", "off", actPowerCycle, "active", "on", ""},
		{"clientsuspend", "on", actPowerOff, "clientsuspend", "on", "Service is suspended: X1"},
		{"suspended", "off", actPowerOn, "suspended", "off", "Service is suspended: X1"},
	}
	for _, c := range cases {
		svc := store.HostdimeService{CUID: "X1", Status: c.status, Power: c.power}
		err := applyAction(&svc, c.act)
		if c.err == "" {
			assert.NoError(t, err)
		} else {
			assert.EqualError(t, err, c.err)
		}
		assert.Equal(t, c.wantStatus+"/"+c.wantPower, svc.Status+"/"+svc.Power, "%+v", c)
	}
}

func TestDomainStatus(t *testing.T) {
	d := store.HostdimeDomain{Status: "registered", Expires: "2024-05-31"}
	assert.Equal(t, "registered", domainStatus(d, "2024-05-31"))
	assert.Equal(t, "expired", domainStatus(d, "2024-06-01"))
	d.Status = "pending"
	assert.Equal(t, "pending", domainStatus(d, "2030-01-01"))
}

func TestWriteFailure(t *testing.T) {
	p := &Provider{}
	cases := []struct {
		path   string
		f      handlers.Failure
		status int
		ctype  string
		body   string
	}{
		{"/v1/server/list.json", handlers.Failure{Kind: handlers.FailInternal}, 500, "application/json", `{"error":{"code":500,"message":"Internal server error"},"response":null}`},
		{"/v1/server/list.yml", handlers.Failure{Kind: handlers.FailInternal}, 500, "text/yaml", "error:\n  code: 500\n  message: Internal server error\nresponse: null\n"},
		{"/v1/server/list.json", handlers.Failure{Kind: handlers.FailFault, Status: 503}, 503, "application/json", `{"error":{"code":503,"message":"Service Unavailable"},"response":null}`},
		{"/v1/server/list.xml", handlers.Failure{Kind: handlers.FailFault, Status: 502}, 502, "application/xml", `<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<xml><error><code>502</code><message>Bad Gateway</message></error><response/></xml>`},
		{"/v1/server/list.json", handlers.Failure{Kind: handlers.FailFault, Status: 599}, 599, "application/json", `{"error":{"code":599,"message":"Internal server error"},"response":null}`},
		{"/nope", handlers.Failure{Kind: handlers.FailBodyTooLarge}, 413, "application/json", `{"error":{"code":413,"message":"Request body too large"},"response":null}`},
	}
	for _, c := range cases {
		w := httptest.NewRecorder()
		p.WriteFailure(w, httptest.NewRequest("POST", c.path, nil), c.f)
		assert.Equal(t, c.status, w.Code, c.path)
		assert.Equal(t, c.ctype, w.Header().Get("Content-Type"))
		assert.Equal(t, c.body, w.Body.String())
	}
}

func TestMessageTableComplete(t *testing.T) {
	for k := errNotPOST; k <= errInternal; k++ {
		m := messages[k]
		assert.NotZero(t, m.code, "kind %d", k)
		assert.NotEmpty(t, m.text, "kind %d", k)
		assert.NotEmpty(t, m.reason, "kind %d", k)
	}
	assert.Len(t, messages, int(errInternal)+1)
}
