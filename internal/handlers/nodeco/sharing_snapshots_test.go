package nodeco_test

import (
	"strings"
	"testing"
	"time"
)

const (
	shareGmail = `{"email":"someone@gmail.com","user_id":"123456","full_name":"John Doe","virtual_monitor":"full_access","change_label":"yes","view_password":"yes","change_password":"yes","turn_on":"yes","turn_off":"yes","reinstall":"yes","change_reverse_host":"yes","view_snapshot":"yes","create_snapshot":"yes","delete_snapshot":"yes"}`
	shareYahoo = `{"email":"someone@yahoo.com","user_id":"","full_name":"","virtual_monitor":"read_only","change_label":"no","view_password":"no","change_password":"no","turn_on":"no","turn_off":"no","reinstall":"no","change_reverse_host":"no","view_snapshot":"yes","create_snapshot":"no","delete_snapshot":"no"}`
)

func TestSharedAccess(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "get_server_shared_access_list", "server_id", "12345"), okBody("", `{"server_id":"12345","shared_accesses":{"0":`+shareGmail+`,"1":`+shareYahoo+`}}`))
	assertBody(t, node(t, s, "get_server_shared_access_list", "server_id", "12346"), okBody("", `{"server_id":"12346","shared_accesses":{}}`))
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12346", "email", "not-an-email"), errBody("Invalid e-mail address."))
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12346", "email", "customer@example.com"), errBody("A server cannot be shared with its owner."))
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12346", "email", "x@example.com", "turn_on", "true"), errBody("Invalid value for turn_on. Allowed values: no, yes."))
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12346", "email", "x@example.com", "virtual_monitor", "read_only"), errBody("Invalid value for virtual_monitor. Allowed values: no, view_only, full_access."))
	// Share 12346 with account 20001: it can then see it and turn it off, nothing more.
	added := `{"server_id":"12346","email":"second@example.com","user_id":"20001","full_name":"Second Customer","virtual_monitor":"view_only","change_label":"no","view_password":"no","change_password":"no","turn_on":"no","turn_off":"yes","reinstall":"no","change_reverse_host":"no","view_snapshot":"no","create_snapshot":"no","delete_snapshot":"no"}`
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12346", "email", "second@example.com", "virtual_monitor", "view_only", "turn_off", "yes"),
		okBody("The server access has been shared to second@example.com", added))
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12346", "email", "second@example.com", "virtual_monitor", "view_only", "turn_off", "yes", "format", "xml"),
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message>The server access has been shared to second@example.com</message>\n<data>\n    <server_id>12346</server_id>\n    <email>second@example.com</email>\n    <user_id>20001</user_id>\n    <full_name>Second Customer</full_name>\n    <virtual_monitor>view_only</virtual_monitor>\n    <change_label>no</change_label>\n    <view_password>no</view_password>\n    <change_password>no</change_password>\n    <turn_on>no</turn_on>\n    <turn_off>yes</turn_off>\n    <reinstall>no</reinstall>\n    <change_reverse_host>no</change_reverse_host>\n    <view_snapshot>no</view_snapshot>\n    <create_snapshot>no</create_snapshot>\n    <delete_snapshot>no</delete_snapshot>\n</data>\n")
	second := func(fn string, kv ...string) string {
		return api(t, s, "/nodeco/api-sandbox/v1/", fn, user2, key2, kv...)
	}
	shared := strings.NewReplacer(`"ownership":"owner"`, `"ownership":"shared"`, `"root_password":"jhg&*^hgasgs"`, `"root_password":""`).Replace(node12346)
	assertBody(t, second("get_server_detail", "server_id", "12346"), okBody("", shared))
	assertBody(t, second("get_server_list", "ownership", "shared"), listBody(1, 20, 1, 1, shared))
	assertBody(t, second("turn_server_on", "server_id", "12346"), errBody("You do not have permission to do this on a shared server."))
	assertBody(t, second("cancel_server", "server_id", "12346"), errBody("You do not have permission to do this on a shared server."))
	assertBody(t, second("get_server_shared_access_list", "server_id", "12346"), errBody("You do not have permission to do this on a shared server."))
	assertBody(t, second("turn_server_off", "server_id", "12346"), okBody("The server has been forcefully turned off.", `{"server_id":"12346"}`))
	// Not in the real stage.
	assertBody(t, api(t, s, "/nodeco/api/v1/", "get_server_detail", user2, key2, "server_id", "12346"), errBody("Server not found."))

	assertBody(t, node(t, s, "delete_server_shared_access", "server_id", "12346", "email", "second@example.com"),
		okBody("The server access has been revoked from second@example.com", `{"server_id":"12346","email":"second@example.com"}`))
	assertBody(t, node(t, s, "delete_server_shared_access", "server_id", "12346", "email", "second@example.com"), errBody("The e-mail address has no access to this server."))
	assertBody(t, node(t, s, "delete_server_shared_access", "server_id", "12346"), errBody("Missing parameter: email."))
	assertBody(t, second("get_server_detail", "server_id", "12346"), errBody("Server not found."))
	// Re-adding an existing grantee replaces the grant in place.
	assertBody(t, node(t, s, "add_server_shared_access", "server_id", "12345", "email", "someone@yahoo.com"),
		okBody("The server access has been shared to someone@yahoo.com", `{"server_id":"12345","email":"someone@yahoo.com","user_id":"","full_name":"","virtual_monitor":"no","change_label":"no","view_password":"no","change_password":"no","turn_on":"no","turn_off":"no","reinstall":"no","change_reverse_host":"no","view_snapshot":"no","create_snapshot":"no","delete_snapshot":"no"}`))
	if body := node(t, s, "get_server_shared_access_list", "server_id", "12345"); !strings.Contains(body, `"0":`+shareGmail+`,"1":{"email":"someone@yahoo.com"`) {
		t.Fatalf("order after replace: %s", body)
	}
}

func snapshotRecord(base, stage, sig string) string {
	return `{"snapshot_id":"hjagsdjhg89","server_id":"12345","server_label":"My Server One","snapshot_name":"hjasgdjuasujqk.disk","snapshot_add_time":"2016-09-10 00:00:12","snapshot_end_time":"","snapshot_cycle":"daily","snapshot_status":"active","snapshot_size":3.2,"snapshot_url":"` +
		strings.ReplaceAll(base, "/", `\/`) + `\/nodeco\/snapshot-download\/` + stage + `\/hjagsdjhg89\/hjasgdjuasujqk.disk?md5=` + sig + `&expired=1714561200","snapshot_url_expires":1714561200}`
}

func TestSnapshots(t *testing.T) {
	s := newServer(t, nil)
	// base64url(md5("aasllasd-fixture-key-1|1714561200|127.0.0.1")): signed for the test client's address, one hour after t0.
	const sig127 = "ewsNoAV1kV6p8qezX7HBvg"
	rec := snapshotRecord(s.URL, "sandbox", sig127)
	assertBody(t, node(t, s, "get_snapshot_detail", "snapshot_id", "hjagsdjhg89", "client_ip_address", "127.0.0.1"), okBody("", rec))
	assertBody(t, node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1"), listBody(1, 20, 1, 1, rec))
	assertBody(t, node(t, s, "get_snapshot_list"), errBody("Missing parameter: client_ip_address."))
	assertBody(t, node(t, s, "get_snapshot_list", "client_ip_address", "::1"), errBody("Parameter client_ip_address must be an IPv4 address."))
	assertBody(t, node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1", "snapshot_status", "gone"), errBody("Invalid value for snapshot_status. Allowed values: all, processing, active, deleted."))
	assertBody(t, node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1", "snapshot_cycle", "hourly"), errBody("Invalid value for snapshot_cycle. Allowed values: all, manual, daily, weekly, monthly."))
	assertBody(t, node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1", "server_id", "20001001"), errBody("Server not found."))
	assertBody(t, node(t, s, "get_snapshot_detail", "client_ip_address", "127.0.0.1"), errBody("Missing parameter: snapshot_id."))
	assertBody(t, api(t, s, "/nodeco/api-sandbox/v1/", "get_snapshot_detail", user2, key2, "snapshot_id", "hjagsdjhg89", "client_ip_address", "127.0.0.1"), errBody("Snapshot not found."))

	// The signed URL downloads from the IP it was issued for, until it expires.
	url := strings.TrimPrefix(jsonField(t, node(t, s, "get_snapshot_detail", "snapshot_id", "hjagsdjhg89", "client_ip_address", "127.0.0.1"), "snapshot_url"), s.URL)
	if res := s.Do(t, "GET", url, ""); res.Status != 200 || res.Body != "NODE mock snapshot hjagsdjhg89 of server 12345 (3.2 GB)\n" {
		t.Fatalf("download: %d %q", res.Status, res.Body)
	}
	other := strings.TrimPrefix(jsonField(t, node(t, s, "get_snapshot_detail", "snapshot_id", "hjagsdjhg89", "client_ip_address", "103.219.248.10"), "snapshot_url"), s.URL)
	if res := s.Do(t, "GET", other, ""); res.Status != 403 {
		t.Fatalf("download from another IP: %d", res.Status)
	}
	s.Advance(time.Hour)
	if res := s.Do(t, "GET", url, ""); res.Status != 410 {
		t.Fatalf("expired download: %d", res.Status)
	}
	s.SetClock(t0)

	// create_snapshot: processing, then active after the delay.
	body := node(t, s, "create_snapshot", "server_id", "12346")
	id := jsonField(t, body, "snapshot_id")
	assertBody(t, body, okBody("Snapshot creation has been strated.", `{"snapshot_id":"`+id+`","server_id":"12346","snapshot_status":"processing"}`))
	detail := node(t, s, "get_snapshot_detail", "snapshot_id", id, "client_ip_address", "127.0.0.1")
	if !strings.Contains(detail, `"snapshot_add_time":"2024-05-01 17:00:00","snapshot_end_time":"","snapshot_cycle":"manual","snapshot_status":"processing"`) ||
		!strings.HasSuffix(detail, `"snapshot_url":"","snapshot_url_expires":0}}`) {
		t.Fatalf("processing snapshot: %s", detail)
	}
	assertBody(t, node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1", "snapshot_status", "processing", "records_per_page", "10"), listBody(1, 10, 1, 1, strings.TrimSuffix(strings.TrimPrefix(detail, `{"code":"OK","message":"","data":`), "}")))
	s.Advance(59 * time.Second)
	if d := node(t, s, "get_snapshot_detail", "snapshot_id", id, "client_ip_address", "127.0.0.1"); !strings.Contains(d, `"snapshot_status":"processing"`) {
		t.Fatalf("too early: %s", d)
	}
	s.Advance(time.Second)
	if d := node(t, s, "get_snapshot_detail", "snapshot_id", id, "client_ip_address", "127.0.0.1"); !strings.Contains(d, `"snapshot_status":"active"`) || !strings.Contains(d, `md5=`) {
		t.Fatalf("not active: %s", d)
	}
	// Sorted newest first by default; ascending on request.
	body = node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1", "sorted_by", "snapshot_add_time_ascending")
	if i, j := strings.Index(body, `"hjagsdjhg89"`), strings.Index(body, `"`+id+`"`); i < 0 || j < 0 || i > j {
		t.Fatalf("ascending order: %s", body)
	}
	// Sandbox snapshots do not exist in the real stage.
	assertBody(t, api(t, s, "/nodeco/api/v1/", "get_snapshot_detail", user1, key1, "snapshot_id", id, "client_ip_address", "127.0.0.1"), errBody("Snapshot not found."))

	assertBody(t, node(t, s, "delete_snapshot", "snapshot_id", id), okBody("Snapshot has been deleted.", `{"snapshot_id":"`+id+`","snapshot_status":"deleted"}`))
	assertBody(t, node(t, s, "delete_snapshot", "snapshot_id", id), errBody("The snapshot has already been deleted."))
	assertBody(t, node(t, s, "delete_snapshot", "snapshot_id", id, "format", "xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>ERROR</code>\n<message>The snapshot has already been deleted.</message>\n<data></data>\n")
	if body := node(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1", "snapshot_status", "deleted"); !strings.Contains(body, `"total_records":1,`) || !strings.Contains(body, `"snapshot_end_time":"2024-05-01 17:01:00"`) {
		t.Fatalf("deleted list: %s", body)
	}
	// virtdedi: backups listed the same way, and no create_snapshot.
	if body := vd(t, s, "get_snapshot_list", "client_ip_address", "127.0.0.1"); !strings.Contains(body, `"snapshot_id":"vdbk7hq2m4"`) {
		t.Fatalf("virtdedi list: %s", body)
	}
	assertBody(t, vd(t, s, "delete_snapshot", "snapshot_id", "vdbk7hq2m4"), okBody("Snapshot has been deleted.", `{"snapshot_id":"vdbk7hq2m4","snapshot_status":"deleted"}`))
}

func TestSnapshotSchedule(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "set_server_snapshot_schedule", "server_id", "12346", "daily_snapshot", "yes"), errBody("Parameter daily_snapshot_max_age is required when daily_snapshot is yes."))
	assertBody(t, node(t, s, "set_server_snapshot_schedule", "server_id", "12346", "weekly_snapshot", "yes", "weekly_snapshot_max_age", "0"), errBody("Parameter weekly_snapshot_max_age must be an integer from 1 to 99."))
	assertBody(t, node(t, s, "set_server_snapshot_schedule", "server_id", "12346", "monthly_snapshot", "sometimes"), errBody("Invalid value for monthly_snapshot. Allowed values: yes, no."))
	assertBody(t, node(t, s, "set_server_snapshot_schedule", "server_id", "12346", "daily_snapshot", "no", "daily_snapshot_max_age", "9", "weekly_snapshot", "yes", "weekly_snapshot_max_age", "4"),
		okBody("The server snapshot schedule has been set.", `{"server_id":"12346","daily_snapshot":"no","daily_snapshot_max_age":0,"weekly_snapshot":"yes","weekly_snapshot_max_age":4,"monthly_snapshot":"no","monthly_snapshot_max_age":0}`))
	want := strings.Replace(node12346, `"daiy_snapshots":"yes","retain_daily_snapshots":7,"weekly_snapshots":"no","retain_weekly_snapshots":0`, `"daiy_snapshots":"no","retain_daily_snapshots":0,"weekly_snapshots":"yes","retain_weekly_snapshots":4`, 1)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12346"), okBody("", want))
	// virtdedi takes *_backup parameters but answers with the *_snapshot keys.
	assertBody(t, vd(t, s, "set_server_snapshot_schedule", "server_id", "12345", "daily_backup", "yes"), errBody("Parameter daily_backup_max_age is required when daily_backup is yes."))
	assertBody(t, vd(t, s, "set_server_snapshot_schedule", "server_id", "12345", "daily_backup", "yes", "daily_backup_max_age", "7", "monthly_backup", "yes", "monthly_backup_max_age", "12"),
		okBody("The server snapshot schedule has been set.", `{"server_id":"12345","daily_snapshot":"yes","daily_snapshot_max_age":7,"weekly_snapshot":"no","weekly_snapshot_max_age":0,"monthly_snapshot":"yes","monthly_snapshot_max_age":12}`))
	vdWant := strings.Replace(vd12345, `"daiy_backup":"no","daily_backup_max_age":0,"weekly_backup":"no","weekly_backup_max_age":0,"monthly_backup":"no","monthly_backup_max_age":0`, `"daiy_backup":"yes","daily_backup_max_age":7,"weekly_backup":"no","weekly_backup_max_age":0,"monthly_backup":"yes","monthly_backup_max_age":12`, 1)
	assertBody(t, vd(t, s, "get_server_detail", "server_id", "12345"), okBody("", vdWant))
}
