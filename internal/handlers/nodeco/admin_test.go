package nodeco_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

const (
	acct12312 = `{"user_id":"12312","api_key":"hasdh6ghvhgFDa454565jasdbNBS","email":"customer@example.com","full_name":"Budi Santoso","phone_verified":true,"unpaid_invoices":0,"balance":"250.00","reseller":false,"new_server_cap":10}`
	acct20001 = `{"user_id":"20001","api_key":"node-second-key-0002","email":"second@example.com","full_name":"Second Customer","phone_verified":true,"unpaid_invoices":1,"balance":"0","reseller":false,"new_server_cap":10}`
)

// adminCall sends a JSON admin request and asserts status and the whole body.
func adminCall(t *testing.T, s *apptest.Server, method, path, body string, status int, want string) {
	t.Helper()
	res := s.Do(t, method, path, body, "Content-Type", "application/json")
	if res.Status != status || res.Body != want+"\n" {
		t.Fatalf("%s %s: got %d %s\nwant %d %s", method, path, res.Status, res.Body, status, want)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("%s %s: Content-Type %q", method, path, ct)
	}
}

var createParams = []string{"package", "compute1", "server_label", "L", "install_source", "template", "os_template", "centos-6-32", "hostname", "a.example.com"}

func TestAdminAccounts(t *testing.T) {
	s := newServer(t, nil)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts", "", 200, `{"accounts":[`+acct12312+`,`+acct20001+`]}`)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts/12312", "", 200, acct12312)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts/99", "", 404, `{"error":"account 99 not found"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/99", `{"reseller":true}`, 404, `{"error":"account 99 not found"}`)

	created := `{"user_id":"30003","api_key":"k3","email":"","full_name":"","phone_verified":true,"unpaid_invoices":0,"balance":"0","reseller":false,"new_server_cap":10}`
	adminCall(t, s, http.MethodPost, "/__admin/nodeco/accounts", `{"user_id":"30003","api_key":"k3"}`, 201, created)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts/30003", "", 200, created)
	adminCall(t, s, http.MethodPost, "/__admin/nodeco/accounts", `{"user_id":"30003","api_key":"k4"}`, 409, `{"error":"account 30003 or api_key k4 already exists"}`)
	adminCall(t, s, http.MethodPost, "/__admin/nodeco/accounts", `{"user_id":"30004","api_key":"k3"}`, 409, `{"error":"account 30004 or api_key k3 already exists"}`)
	adminCall(t, s, http.MethodPost, "/__admin/nodeco/accounts", `{"user_id":"x","api_key":"k5"}`, 400, `{"error":"user_id: required, 1 to 20 digits"}`)
	adminCall(t, s, http.MethodPost, "/__admin/nodeco/accounts", `{"user_id":"30005"}`, 400, `{"error":"api_key: required"}`)
	adminCall(t, s, http.MethodPost, "/__admin/nodeco/accounts", `{"user_id":"30005","api_key":"k5","balance":"1e3"}`, 400,
		`{"error":"balance: \"1e3\" is not a decimal string with at most four fractional digits"}`)
	// The new account works on the API with its key, and only on its flavour.
	assertBody(t, api(t, s, "/nodeco/api-sandbox/v1/", "get_server_list", "30003", "k3"), okBody("", `{"total_records":0,"records_per_page":20,"total_pages":0,"page":1,"records":{}}`))
	assertBody(t, api(t, s, "/virtdedi/api-sandbox/v1/", "get_server_list", "30003", "k3"), errBody("Invalid user_id."))

	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", `{"user_id":"1"}`, 400, `{"error":"bad JSON body: json: unknown field \"user_id\""}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", `{"colour":"red"}`, 400, `{"error":"bad JSON body: json: unknown field \"colour\""}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", `{"unpaid_invoices":-1}`, 400, `{"error":"unpaid_invoices: must be 0 or more"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", `{"new_server_cap":-1}`, 400, `{"error":"new_server_cap: must be 0 or more"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", `{"api_key":""}`, 400, `{"error":"api_key: must be a non-empty string of at most 200 characters"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", `{"api_key":"k3"}`, 409, `{"error":"api_key k3 is used by another account"}`)
	adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", ``, 400, `{"error":"request body is empty: a JSON object is expected"}`)
	// Nothing above changed the account.
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts/12312", "", 200, acct12312)
}

func TestAdminPatchTakesEffect(t *testing.T) {
	s := newServer(t, nil)
	patch := func(body, want string) {
		t.Helper()
		adminCall(t, s, http.MethodPatch, "/__admin/nodeco/accounts/12312", body, 200, want)
	}
	create := func(want string) {
		t.Helper()
		assertBody(t, node(t, s, "create_server", createParams...), errBody(want))
	}
	patch(`{"phone_verified":false}`, `{"user_id":"12312","api_key":"hasdh6ghvhgFDa454565jasdbNBS","email":"customer@example.com","full_name":"Budi Santoso","phone_verified":false,"unpaid_invoices":0,"balance":"250.00","reseller":false,"new_server_cap":10}`)
	create("Please verify your mobile phone number before creating a server.")
	patch(`{"phone_verified":true,"unpaid_invoices":2}`, `{"user_id":"12312","api_key":"hasdh6ghvhgFDa454565jasdbNBS","email":"customer@example.com","full_name":"Budi Santoso","phone_verified":true,"unpaid_invoices":2,"balance":"250.00","reseller":false,"new_server_cap":10}`)
	create("You have unpaid or overdue invoices. Please pay them before creating a server.")
	patch(`{"unpaid_invoices":0,"balance":"0"}`, `{"user_id":"12312","api_key":"hasdh6ghvhgFDa454565jasdbNBS","email":"customer@example.com","full_name":"Budi Santoso","phone_verified":true,"unpaid_invoices":0,"balance":"0","reseller":false,"new_server_cap":10}`)
	create("Your credit balance must be positive to create a server.")
	patch(`{"balance":"0.01","reseller":true}`, `{"user_id":"12312","api_key":"hasdh6ghvhgFDa454565jasdbNBS","email":"customer@example.com","full_name":"Budi Santoso","phone_verified":true,"unpaid_invoices":0,"balance":"0.01","reseller":true,"new_server_cap":10}`)
	create("Your credit balance is not enough for this package.")
	patch(`{"reseller":false,"new_server_cap":2}`, `{"user_id":"12312","api_key":"hasdh6ghvhgFDa454565jasdbNBS","email":"customer@example.com","full_name":"Budi Santoso","phone_verified":true,"unpaid_invoices":0,"balance":"0.01","reseller":false,"new_server_cap":2}`)
	create("You have reached the maximum number of servers you can create without sufficient credit balance.")
	patch(`{"email":"new@example.com","full_name":"New Name","api_key":"fresh-key"}`, `{"user_id":"12312","api_key":"fresh-key","email":"new@example.com","full_name":"New Name","phone_verified":true,"unpaid_invoices":0,"balance":"0.01","reseller":false,"new_server_cap":2}`)
	// The old key's checksum no longer authenticates; the new one does.
	create("Invalid checksum.")
	assertBody(t, api(t, s, "/nodeco/api-sandbox/v1/", "create_server", user1, "fresh-key", createParams...),
		errBody("You have reached the maximum number of servers you can create without sufficient credit balance."))
	// The flavours keep separate accounts: virtdedi's 12312 is untouched.
	adminCall(t, s, http.MethodGet, "/__admin/virtdedi/accounts/12312", "", 200, acct12312)
}

func TestAdminStateViews(t *testing.T) {
	s := newServer(t, nil)
	srv := func(stage, id, user, label, pkg, status, host, ip, act, end string) string {
		return `{"stage":"` + stage + `","server_id":"` + id + `","user_id":"` + user + `","server_label":"` + label + `","package":"` + pkg +
			`","order_status":"active","server_status":"` + status + `","hostname":"` + host + `","ip_address":"` + ip +
			`","activated_time":"` + act + `","end_time":"` + end + `"}`
	}
	nodeServers := func(status12346 string) string {
		out := ""
		for _, stage := range []string{"sandbox", "real"} {
			st := "on"
			if stage == "sandbox" {
				st = status12346 // only the sandbox stage was reinstalled
			}
			out += srv(stage, "12345", "12312", "My Server One", "compute2", "on", "server.domain.com", "103.219.28.90", "2016-09-01 08:15:00", "") + "," +
				srv(stage, "12346", "12312", "My Server Two", "compute1", st, "myserver.domain.com", "103.219.28.91", "2016-09-02 09:30:27", "") + "," +
				srv(stage, "20001001", "20001", "Second Account Server", "compute1", "on", "second.example.com", "103.219.28.120", "2016-10-05 14:00:00", "") + ","
		}
		return `{"servers":[` + out[:len(out)-1] + `]}`
	}
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/servers", "", 200, nodeServers("on"))

	// A reinstall shows as "reinstall" until the mock clock passes its delay.
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12346", "install_source", "template", "os_template", "centos-6-32", "hostname", "myserver.domain.com"),
		okBody("The server re-installation process has been started", `{"server_id":"12346","order_status":"active","server_status":"reinstall"}`))
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/servers", "", 200, nodeServers("reinstall"))
	s.Advance(59 * time.Second)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/servers", "", 200, nodeServers("reinstall"))
	s.Advance(time.Second)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/servers", "", 200, nodeServers("on"))

	snap := func(stage, id, name, cycle, size string) string {
		return `{"stage":"` + stage + `","snapshot_id":"` + id + `","server_id":"12345","name":"` + name + `","cycle":"` + cycle +
			`","status":"active","size":"` + size + `","add_time":"2016-09-10 00:00:12","end_time":""}`
	}
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/snapshots", "", 200, `{"snapshots":[`+
		snap("sandbox", "hjagsdjhg89", "hjasgdjuasujqk.disk", "daily", "3.2")+`,`+snap("real", "hjagsdjhg89", "hjasgdjuasujqk.disk", "daily", "3.2")+`]}`)
	adminCall(t, s, http.MethodGet, "/__admin/virtdedi/snapshots", "", 200, `{"snapshots":[`+
		snap("sandbox", "vdbk7hq2m4", "vdkqwhzrtmpl.disk", "manual", "2.4")+`,`+snap("real", "vdbk7hq2m4", "vdkqwhzrtmpl.disk", "manual", "2.4")+`]}`)

	share := func(stage string) string {
		return `{"stage":"` + stage + `","server_id":"12345","email":"someone@gmail.com","user_id":"123456","full_name":"John Doe","virtual_monitor":"full_access","change_label":"yes","view_password":"yes","change_password":"yes","turn_on":"yes","turn_off":"yes","reinstall":"yes","change_reverse_host":"yes","view_snapshot":"yes","create_snapshot":"yes","delete_snapshot":"yes"},` +
			`{"stage":"` + stage + `","server_id":"12345","email":"someone@yahoo.com","user_id":"","full_name":"","virtual_monitor":"read_only","change_label":"no","view_password":"no","change_password":"no","turn_on":"no","turn_off":"no","reinstall":"no","change_reverse_host":"no","view_snapshot":"yes","create_snapshot":"no","delete_snapshot":"no"}`
	}
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/shares", "", 200, `{"shares":[`+share("sandbox")+`,`+share("real")+`]}`)
	adminCall(t, s, http.MethodGet, "/__admin/virtdedi/shares", "", 200, `{"shares":[]}`)

	vdServer := func(stage string) string {
		return srv(stage, "12345", "12312", "My Server One", "ryzen9950x", "on", "server.domain.com", "103.219.30.10", "2016-09-01 12:00:56", "2016-09-02 12:00:56") + "," +
			srv(stage, "12346", "12312", "My Server Two", "epyc7763", "off", "two.domain.com", "103.219.30.11", "2016-09-03 10:00:00", "2016-10-03 10:00:00") + "," +
			srv(stage, "20001001", "20001", "Second Account Server", "ryzen9950x", "on", "second.example.com", "103.219.30.120", "2016-10-05 14:00:00", "2016-11-05 14:00:00")
	}
	adminCall(t, s, http.MethodGet, "/__admin/virtdedi/servers", "", 200, `{"servers":[`+vdServer("sandbox")+`,`+vdServer("real")+`]}`)
}

func TestAdminDashboardState(t *testing.T) {
	s := newServer(t, nil)
	for _, flavour := range []string{"nodeco", "virtdedi"} {
		res := s.Do(t, http.MethodGet, "/__admin/ui/state/"+flavour, "")
		if res.Status != 200 {
			t.Fatalf("%s state page: %d", flavour, res.Status)
		}
		for _, want := range []string{"<h3>Accounts</h3>", "<td>hasdh6ghvhgFDa454565jasdbNBS</td>", "<h3>Servers</h3>", "<td>Second Account Server</td>", "<h3>Snapshots</h3>", "<h3>Shares</h3>"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("%s state page lacks %s", flavour, want)
			}
		}
	}
}

func TestAdminDeleteAccount(t *testing.T) {
	s := newServer(t, nil)
	// The account works until the delete (and any cached copy of it is warm).
	if body := node(t, s, "get_server_list"); !strings.HasPrefix(body, `{"code":"OK",`) {
		t.Fatalf("before the delete: %s", body)
	}
	res := s.Do(t, http.MethodDelete, "/__admin/nodeco/accounts/12312", "")
	if res.Status != http.StatusNoContent || res.Body != "" {
		t.Fatalf("DELETE: got %d %q, want 204 and no body", res.Status, res.Body)
	}
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts/12312", "", 404, `{"error":"account 12312 not found"}`)
	adminCall(t, s, http.MethodDelete, "/__admin/nodeco/accounts/12312", "", 404, `{"error":"account 12312 not found"}`)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/accounts", "", 200, `{"accounts":[`+acct20001+`]}`)

	// Its servers (both stages) went with it, and their snapshots and shares;
	// the other account keeps its server.
	second := func(stage string) string {
		return `{"stage":"` + stage + `","server_id":"20001001","user_id":"20001","server_label":"Second Account Server","package":"compute1","order_status":"active",` +
			`"server_status":"on","hostname":"second.example.com","ip_address":"103.219.28.120","activated_time":"2016-10-05 14:00:00","end_time":""}`
	}
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/servers", "", 200, `{"servers":[`+second("sandbox")+`,`+second("real")+`]}`)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/snapshots", "", 200, `{"snapshots":[]}`)
	adminCall(t, s, http.MethodGet, "/__admin/nodeco/shares", "", 200, `{"shares":[]}`)
	assertBody(t, node(t, s, "get_server_list"), errBody("Invalid user_id."))

	// The other flavour's account of the same id is untouched.
	adminCall(t, s, http.MethodGet, "/__admin/virtdedi/accounts/12312", "", 200, acct12312)
	vdSnap := func(stage string) string {
		return `{"stage":"` + stage + `","snapshot_id":"vdbk7hq2m4","server_id":"12345","name":"vdkqwhzrtmpl.disk","cycle":"manual",` +
			`"status":"active","size":"2.4","add_time":"2016-09-10 00:00:12","end_time":""}`
	}
	adminCall(t, s, http.MethodGet, "/__admin/virtdedi/snapshots", "", 200, `{"snapshots":[`+vdSnap("sandbox")+`,`+vdSnap("real")+`]}`)
}
