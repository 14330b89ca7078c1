package hostdime_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

const (
	hdAcc1 = `{"name":"Docs Sample Customer","public_key":"foobar","private_key":"fazbaz"}`
	hdAcc2 = `{"name":"Second Customer","public_key":"hd-pub-0002","private_key":"hd-priv-0002"}`
)

// adminResp asserts an admin answer's status, whole body and content type.
var adminResp = apptest.AdminJSON

func TestAdminAccounts(t *testing.T) {
	s := newServer(t, nil)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/accounts", ""), 200, `{"accounts":[`+hdAcc1+`,`+hdAcc2+`]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/accounts/foobar", ""), 200, hdAcc1)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/accounts/nope", ""), 404, `{"error":"account nope not found"}`)
	adminResp(t, s.Do(t, http.MethodPost, "/__admin/hostdime/accounts", `{"name":"New","public_key":"pub3","private_key":"priv3"}`), 201,
		`{"name":"New","public_key":"pub3","private_key":"priv3"}`)

	// A new account signs requests at once.
	c := newClient(s)
	c.pub, c.priv = "pub3", "priv3"
	assert.Equal(t, okJSON(`[]`), c.call(t, "domain.list", "json").Body)

	apptest.AdminCases(t, s, "/__admin/hostdime/accounts", []apptest.AdminCase{
		{"duplicate", "POST", "", `{"public_key":"foobar","private_key":"x"}`, 409, `{"error":"public_key: \"foobar\" is already the key of another account"}`},
		{"no public key", "POST", "", `{"private_key":"x"}`, 400, `{"error":"public_key: required"}`},
		{"no private key", "POST", "", `{"public_key":"x"}`, 400, `{"error":"private_key: required"}`},
		{"empty private key", "PATCH", "/foobar", `{"private_key":""}`, 400, `{"error":"private_key: must be non-empty, without white space at either end"}`},
		{"unknown field", "PATCH", "/foobar", `{"api_key":"x"}`, 400, `{"error":"bad JSON body: json: unknown field \"api_key\""}`},
		{"taken key", "PATCH", "/foobar", `{"public_key":"hd-pub-0002"}`, 409, `{"error":"public_key: \"hd-pub-0002\" is already the key of another account"}`},
		{"unknown account", "PATCH", "/nope", `{"name":"x"}`, 404, `{"error":"account nope not found"}`},
	})
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/accounts/foobar", ""), 200, hdAcc1, "refused patches change nothing")
}

func TestAdminPatchPrivateKey(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	adminResp(t, s.Do(t, http.MethodPatch, "/__admin/hostdime/accounts/foobar", `{"private_key":"rotated"}`), 200,
		`{"name":"Docs Sample Customer","public_key":"foobar","private_key":"rotated"}`)
	r := c.call(t, "domain.list", "json")
	assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body, "the old private key no longer signs")
	c.priv = "rotated"
	assert.Equal(t, http.StatusOK, c.call(t, "domain.list", "json").Status)
}

func TestAdminStateViews(t *testing.T) {
	s := newServer(t, nil)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/servers", ""), 200, `{"servers":[`+
		`{"cuid":"S37","account":"foobar","label":"web-01","name":"web01.example.com","status":"active","power":"on","ip_main":"198.51.100.37"},`+
		`{"cuid":"S38","account":"foobar","label":"db-01","name":"db01.example.com","status":"active","power":"on","ip_main":"198.51.100.40"},`+
		`{"cuid":"S90","account":"hd-pub-0002","label":"edge-90","name":"edge90.example.org","status":"suspended","power":"off","ip_main":"198.51.100.90"}]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/vps", ""), 200, `{"vps":[`+
		`{"cuid":"V101","account":"foobar","label":"","name":"vps101.example.com","status":"active","power":"on","ip_main":"203.0.113.101"}]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/domains", ""), 200, `{"domains":[`+
		`{"domain":"example.com","account":"foobar","status":"registered","created":"2010-03-14","expires":"2031-03-14"},`+
		`{"domain":"example.net","account":"foobar","status":"expired","created":"2011-01-15","expires":"2013-01-15"}]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/rdns", ""), 200, `{"rdns":[`+
		`{"ip":"198.51.100.37","ptr":"web01.example.com","cuid":"S37","account":"foobar"},`+
		`{"ip":"198.51.100.38","ptr":"mail.example.com","cuid":"S37","account":"foobar"},`+
		`{"ip":"198.51.100.40","ptr":"db01.example.com","cuid":"S38","account":"foobar"},`+
		`{"ip":"198.51.100.90","ptr":"edge90.example.org","cuid":"S90","account":"hd-pub-0002"},`+
		`{"ip":"203.0.113.101","ptr":"vps101.example.com","cuid":"V101","account":"foobar"}]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/tickets", ""), 200, `{"tickets":[]}`)

	c := newClient(s)
	assert.Equal(t, http.StatusOK, c.call(t, "ticket.create", "json", kv("department", "support"), kv("priority", "low"), kv("subject", "Hi"), kv("body", "Help")).Status)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/tickets", ""), 200, `{"tickets":[`+
		`{"id":100001,"account":"foobar","cuid":"","department":"support","priority":"low","subject":"Hi","body":"Help","status":"open","created_at":"2024-06-01T12:00:00Z"}]}`)
	// Domain status follows the mock clock.
	s.SetClock(now.AddDate(7, 0, 0))
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/domains", ""), 200, `{"domains":[`+
		`{"domain":"example.com","account":"foobar","status":"expired","created":"2010-03-14","expires":"2031-03-14"},`+
		`{"domain":"example.net","account":"foobar","status":"expired","created":"2011-01-15","expires":"2013-01-15"}]}`)

	page := s.Do(t, http.MethodGet, "/__admin/ui/state/hostdime", "")
	assert.Equal(t, 200, page.Status)
	assert.Contains(t, page.Body, `<tr><td>S90</td><td>hd-pub-0002</td><td>edge-90</td><td>edge90.example.org</td><td>suspended</td><td>off</td><td>198.51.100.90</td></tr>`)
	assert.Contains(t, page.Body, `<tr><td>100001</td><td>foobar</td><td></td><td>support</td><td>low</td><td>Hi</td><td>open</td><td>2024-06-01T12:00:00Z</td></tr>`)
}

func TestAdminDeleteAccount(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	assert.Equal(t, http.StatusOK, c.call(t, "ticket.create", "json", kv("department", "support"), kv("priority", "low"), kv("subject", "Hi"), kv("body", "Help")).Status)

	r := s.Do(t, http.MethodDelete, "/__admin/hostdime/accounts/foobar", "")
	assert.Equal(t, http.StatusNoContent, r.Status)
	assert.Equal(t, "", r.Body)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/accounts/foobar", ""), 404, `{"error":"account foobar not found"}`)
	adminResp(t, s.Do(t, http.MethodDelete, "/__admin/hostdime/accounts/foobar", ""), 404, `{"error":"account foobar not found"}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/accounts", ""), 200, `{"accounts":[`+hdAcc2+`]}`)

	// What the account owned went with it; the other account keeps its own.
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/servers", ""), 200, `{"servers":[`+
		`{"cuid":"S90","account":"hd-pub-0002","label":"edge-90","name":"edge90.example.org","status":"suspended","power":"off","ip_main":"198.51.100.90"}]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/vps", ""), 200, `{"vps":[]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/domains", ""), 200, `{"domains":[]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/tickets", ""), 200, `{"tickets":[]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/hostdime/rdns", ""), 200, `{"rdns":[`+
		`{"ip":"198.51.100.90","ptr":"edge90.example.org","cuid":"S90","account":"hd-pub-0002"}]}`)

	// Its key no longer authenticates; the same key can be created afresh.
	assert.Equal(t, errJSON(401, "Invalid API key"), c.call(t, "server.list", "json").Body)
	adminResp(t, s.Do(t, http.MethodPost, "/__admin/hostdime/accounts", `{"public_key":"foobar","private_key":"fazbaz"}`), 201,
		`{"name":"","public_key":"foobar","private_key":"fazbaz"}`)
	assert.Equal(t, okJSON(`[]`), c.call(t, "domain.list", "json").Body)
}
