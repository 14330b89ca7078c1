package overrides_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The issue's own example, stored and shown with every field.
const issueExample = `{"provider":"gempay","endpoint":"order",
   "match":{"params":{"user_id":"123456"},"headers":{"X-Request-Time":"1700000000"},"body_contains":"\"zone\""},
   "response":{"status":200,"headers":{"X-Extra":"1"},"json":{"status":"error","message":"Server sibuk","code":200}},
   "after_auth":true,"times":2,"priority":5}`

const issueStored = `{"id":1,"provider":"gempay","endpoint":"order",` +
	`"match":{"params":{"user_id":"123456"},"headers":{"X-Request-Time":"1700000000"},"body_contains":"\"zone\""},` +
	`"response":{"status":200,"headers":{"X-Extra":"1"},"json":{"status":"error","message":"Server sibuk","code":200}},` +
	`"after_auth":true,"times":2,"remaining":2,"priority":5,"hits":0,"source":"api","created_at":"2024-09-14T23:03:00Z"}`

func TestCreateGetListDelete(t *testing.T) {
	s := newServer(t, nil)
	assert.Equal(t, issueStored+"\n", add(t, s, issueExample))

	r := s.Do(t, "GET", "/__admin/overrides/1", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, issueStored+"\n", r.Body)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))

	// Defaults: every endpoint, no conditions, status 200, after auth, unlimited, priority 0.
	minimal := `{"id":2,"provider":"zipay","endpoint":"","match":{},"response":{"status":200,"body":"hi"},` +
		`"after_auth":true,"times":null,"remaining":null,"priority":0,"hits":0,"source":"api","created_at":"2024-09-14T23:03:00Z"}`
	assert.Equal(t, minimal+"\n", add(t, s, `{"provider":"zipay","response":{"body":"hi"}}`))

	r = s.Do(t, "GET", "/__admin/overrides", "")
	assert.Equal(t, `{"overrides":[`+minimal+`,`+issueStored+`]}`+"\n", r.Body, "newest first")

	r = s.Do(t, "DELETE", "/__admin/overrides/1", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, issueStored+"\n", r.Body)
	for _, c := range []struct{ method, path, want string }{
		{"DELETE", "/__admin/overrides/1", `{"error":"override 1 not found"}`},
		{"GET", "/__admin/overrides/1", `{"error":"override 1 not found"}`},
		{"GET", "/__admin/overrides/x", `{"error":"override id must be an integer"}`},
	} {
		r = s.Do(t, c.method, c.path, "")
		assert.Equal(t, c.want+"\n", r.Body, c.method+" "+c.path)
	}
	assert.Equal(t, 404, s.Do(t, "DELETE", "/__admin/overrides/1", "").Status)

	r = s.Do(t, "DELETE", "/__admin/overrides", "")
	assert.Equal(t, `{"overrides":[]}`+"\n", r.Body)
	assert.Equal(t, `{"overrides":[]}`+"\n", s.Do(t, "GET", "/__admin/overrides", "").Body)
}

func TestCreateRefusesBadInput(t *testing.T) {
	s := newServer(t, nil)
	const providers = "nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay"
	for _, c := range []struct{ name, body, want string }{
		{"not JSON", `{`, `bad JSON body: jsonv: unexpected end of JSON`},
		{"not an object", `[]`, `an override must be a JSON object`},
		{"no provider", `{"response":{"body":""}}`, `provider: required: one of ` + providers},
		{"unknown provider", `{"provider":"paypal","response":{"body":""}}`, `provider: \"paypal\" is not one of ` + providers},
		{"unknown endpoint", `{"provider":"gempay","endpoint":"refund","response":{"body":""}}`,
			`endpoint: \"refund\" is not an endpoint of gempay (one of cek-status, check-ml, order, products)`},
		{"create_snapshot is NODE only", `{"provider":"virtdedi","endpoint":"create_snapshot","response":{"body":""}}`,
			`endpoint: \"create_snapshot\" is not an endpoint of virtdedi (one of add_server_shared_access, cancel_server, change_reverse_host, change_server_hostname, change_server_label, change_server_password, create_server, delete_server_shared_access, delete_snapshot, get_arch_list, get_os_template_list, get_os_variant_list, get_server_detail, get_server_list, get_server_shared_access_list, get_server_virtual_monitor_url, get_snapshot_detail, get_snapshot_list, reinstall_server, set_server_custom_info, set_server_snapshot_schedule, turn_server_off, turn_server_on)`},
		{"unknown top key", `{"provider":"gempay","response":{"body":""},"delay":"1s"}`,
			`delay: unknown key (provider, endpoint, match, response, after_auth, times, priority)`},
		{"unknown match key", `{"provider":"gempay","match":{"query":{}},"response":{"body":""}}`,
			`match.query: unknown key (params, headers, body_contains)`},
		{"unknown response key", `{"provider":"gempay","response":{"body":"","code":1}}`,
			`response.code: unknown key (status, headers, body, json)`},
		{"no response", `{"provider":"gempay"}`, `response: required: an object with status, headers and body or json`},
		{"both body and json", `{"provider":"gempay","response":{"body":"","json":{}}}`,
			`response: give exactly one of body (a string) or json (any JSON value), not both`},
		{"neither body nor json", `{"provider":"gempay","response":{"status":500}}`,
			`response: give exactly one of body (a string) or json (any JSON value)`},
		{"status too high", `{"provider":"gempay","response":{"status":600,"body":""}}`,
			`response.status: 600 is not an HTTP status between 100 and 599`},
		{"status too low", `{"provider":"gempay","response":{"status":99,"body":""}}`,
			`response.status: 99 is not an HTTP status between 100 and 599`},
		{"status not integer", `{"provider":"gempay","response":{"status":"200","body":""}}`, `response.status: must be an integer`},
		{"body not string", `{"provider":"gempay","response":{"body":{}}}`, `response.body: must be a string`},
		{"times zero", `{"provider":"gempay","times":0,"response":{"body":""}}`,
			`times: 0 must be at least 1 (leave it out for unlimited)`},
		{"after_auth not bool", `{"provider":"gempay","after_auth":"yes","response":{"body":""}}`, `after_auth: must be true or false`},
		{"param value an object", `{"provider":"gempay","match":{"params":{"a":{}}},"response":{"body":""}}`,
			`match.params.a: must be a string, number or boolean`},
		{"bad header name", `{"provider":"gempay","response":{"headers":{"X Bad":"1"},"body":""}}`,
			`response.headers: \"X Bad\": \"1\" is not a valid header`},
		{"content length", `{"provider":"gempay","response":{"headers":{"content-length":"3"},"body":""}}`,
			`response.headers: content-length is set by the server from the body`},
		{"body template", `{"provider":"gempay","response":{"body":"{{.Params"}}`,
			`response.body: template does not parse: template: response.body:1: unclosed action`},
		{"json template", `{"provider":"gempay","response":{"json":{"data":[1,"{{if}}"]}}}`,
			`response.json.data[1]: template does not parse: template: response.json.data[1]:1: missing value for if`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.Do(t, "POST", "/__admin/overrides", c.body)
			assert.Equal(t, 400, r.Status)
			assert.Equal(t, `{"error":"`+c.want+`"}`+"\n", r.Body)
		})
	}
	assert.Equal(t, `{"overrides":[]}`+"\n", s.Do(t, "GET", "/__admin/overrides", "").Body, "nothing stored")
}
