package nodeco_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestPowerAndStageSeparation(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "turn_server_off", "server_id", "12345"), okBody("The server has been forcefully turned off.", `{"server_id":"12345"}`))
	off := strings.Replace(node12345, `"server_status":"on"`, `"server_status":"off"`, 1)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12345"), okBody("", off))
	// The real stage is untouched by the sandbox call.
	assertBody(t, api(t, s, "/nodeco/api/v1/", "get_server_detail", user1, key1, "server_id", "12345"), okBody("", node12345))
	// …and virtdedi's 12345 is another server altogether.
	assertBody(t, vd(t, s, "get_server_detail", "server_id", "12345"), okBody("", vd12345))
	assertBody(t, node(t, s, "turn_server_on", "server_id", "12345"), okBody("The server has been successfully turned on.", `{"server_id":"12345"}`))
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12345"), okBody("", node12345))
	assertBody(t, vd(t, s, "turn_server_on", "server_id", "12346"), okBody("The server has been successfully turned on.", `{"server_id":"12346"}`))
	assertBody(t, node(t, s, "turn_server_on", "server_id", "20001001"), errBody("Server not found."))
	assertBody(t, node(t, s, "turn_server_on"), errBody("Missing parameter: server_id."))
	// XML form of a mutating call.
	assertBody(t, node(t, s, "turn_server_off", "server_id", "12346", "format", "xml"),
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message>The server has been forcefully turned off.</message>\n<data>\n    <server_id>12346</server_id>\n</data>\n")
}

func TestCancelServer(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "cancel_server", "server_id", "12345", "retain_snapshot_files", "maybe"), errBody("Invalid value for retain_snapshot_files. Allowed values: no, yes."))
	assertBody(t, node(t, s, "cancel_server", "server_id", "12345"), okBody("The server subscription has been canceled. The server will be permanently deleted.", `{"server_id":"12345"}`))
	canceled := strings.NewReplacer(`"order_status":"active","server_status":"on"`, `"order_status":"canceled","server_status":"deleted"`, `"end_time":""`, `"end_time":"2024-05-01 17:00:00"`).Replace(node12345)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12345"), okBody("", canceled))
	assertBody(t, node(t, s, "get_server_list", "order_status", "canceled", "server_status", "deleted"), listBody(1, 20, 1, 1, canceled))
	assertBody(t, node(t, s, "cancel_server", "server_id", "12345"), errBody("The server has been canceled."))
	assertBody(t, node(t, s, "turn_server_on", "server_id", "12345"), errBody("The server has been canceled."))
	assertBody(t, node(t, s, "change_server_label", "server_id", "12345", "server_label", "x"), errBody("The server has been canceled."))
	// Without retain_snapshot_files=yes its snapshots go too.
	body := node(t, s, "get_snapshot_detail", "snapshot_id", "hjagsdjhg89", "client_ip_address", "103.219.248.10")
	if !strings.Contains(body, `"snapshot_end_time":"2024-05-01 17:00:00","snapshot_cycle":"daily","snapshot_status":"deleted"`) {
		t.Fatalf("snapshot not deleted: %s", body)
	}
	// virtdedi: retain the backups.
	assertBody(t, vd(t, s, "cancel_server", "server_id", "12345", "retain_snapshot_files", "yes"), okBody("The server subscription has been canceled. The server will be permanently deleted.", `{"server_id":"12345"}`))
	if body := vd(t, s, "get_snapshot_detail", "snapshot_id", "vdbk7hq2m4", "client_ip_address", "103.219.248.10"); !strings.Contains(body, `"snapshot_status":"active"`) {
		t.Fatalf("backup not retained: %s", body)
	}
}

func TestReinstallServer(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12346", "install_source", "template", "os_template", "centos-6-32"), errBody("Missing parameter: hostname."))
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12346", "install_source", "snapshot", "snapshot_id", "hjagsdjhg89"),
		errBody("The snapshot comes from a larger package. Use a snapshot of the same or a lower package."))
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12346", "install_source", "iso", "iso_file_option", "cached_iso_file"), errBody("Missing parameter: cached_iso_file."))
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12346", "install_source", "template", "os_template", "centos-6-32", "hostname", "new.example.com"),
		okBody("The server re-installation process has been started", `{"server_id":"12346","order_status":"active","server_status":"reinstall"}`))
	want := func(status string) string {
		return okBody("", strings.NewReplacer(`"server_status":"on"`, `"server_status":"`+status+`"`, `"os_template":"centos-6-64"`, `"os_template":"centos-6-32"`,
			`"hostname":"myserver.domain.com"`, `"hostname":"new.example.com"`, `"arch":"x86_64"`, `"arch":"i686"`).Replace(node12346))
	}
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12346"), want("reinstall"))
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12346", "install_source", "template", "os_template", "centos-6-32", "hostname", "new.example.com"),
		errBody("The server is being installed. Please wait until the installation has finished."))
	s.Advance(time.Minute - time.Second)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12346"), want("reinstall"))
	s.Advance(time.Second)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12346"), want("on"))
	// From a snapshot onto a server of the same disk size; ISO with the rev B options.
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12345", "install_source", "snapshot", "snapshot_id", "hjagsdjhg89"),
		okBody("The server re-installation process has been started", `{"server_id":"12345","order_status":"active","server_status":"reinstall"}`))
	s.Advance(time.Minute)
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12345", "install_source", "iso", "iso_file_option", "own_iso_file", "iso_url", "https://mirror.example.com/alt.iso", "os_variant", "altlinux2.0", "arch", "i686"),
		okBody("The server re-installation process has been started", `{"server_id":"12345","order_status":"active","server_status":"reinstall"}`))
	body := node(t, s, "get_server_detail", "server_id", "12345")
	if !strings.Contains(body, `"install_source":"iso","os_template":"","iso_url":"https:\/\/mirror.example.com\/alt.iso","hostname":"server.domain.com","os_variant":"altlinux2.0","arch":"i686"`) {
		t.Fatalf("iso reinstall: %s", body)
	}
	// A snapshot of an ISO install cannot be used for installation.
	s.Advance(time.Minute)
	snapID := jsonField(t, node(t, s, "create_snapshot", "server_id", "12345"), "snapshot_id")
	s.Advance(time.Minute)
	assertBody(t, node(t, s, "reinstall_server", "server_id", "12345", "install_source", "snapshot", "snapshot_id", snapID), errBody("Only a snapshot of a template install can be used for installation."))
}

func jsonField(t *testing.T, body, field string) string {
	t.Helper()
	var res struct {
		Code string
		Data map[string]any
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || res.Code != "OK" {
		t.Fatalf("%v: %s", err, body)
	}
	v, _ := res.Data[field].(string)
	return v
}

func TestSettings(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "change_server_label", "server_id", "12345", "server_label", "My Server Label"),
		okBody("The server label has been changed.", `{"server_id":"12345","server_label":"My Server Label"}`))
	assertBody(t, node(t, s, "change_server_label", "server_id", "12345", "server_label", "Label", "format", "xml"),
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message>The server label has been changed.</message>\n<data>\n    <server_id>12345</server_id>\n    <server_label>Label</server_label>\n</data>\n")
	assertBody(t, node(t, s, "change_server_label", "server_id", "12345"), errBody("Missing parameter: server_label."))

	// Hostname and password need the server off first.
	assertBody(t, node(t, s, "change_server_hostname", "server_id", "12345", "hostname", "myserver.domain.com"), errBody("The server must be turned off before its hostname is changed."))
	assertBody(t, node(t, s, "change_server_password", "server_id", "12345", "password", "MySecretWords"), errBody("The server must be turned off before its root password is changed."))
	node(t, s, "turn_server_off", "server_id", "12345")
	assertBody(t, node(t, s, "change_server_hostname", "server_id", "12345", "hostname", "bad_host"), errBody("Invalid hostname. It must be a fully qualified domain name such as myserver.domain.com."))
	assertBody(t, node(t, s, "change_server_hostname", "server_id", "12345", "hostname", "myserver.domain.com"),
		okBody("The server hostname has been changed.", `{"server_id":"12345","hostname":"myserver.domain.com"}`))
	for _, pw := range []string{"has space", "quote'", `dq"x`, "dollar$"} {
		assertBody(t, node(t, s, "change_server_password", "server_id", "12345", "password", pw), errBody(`The password must not contain ', \", $ or spaces.`))
	}
	assertBody(t, node(t, s, "change_server_password", "server_id", "12345", "password", "1234567890123456"), errBody("Parameter password is too long (maximum 15 characters)."))
	assertBody(t, node(t, s, "change_server_password", "server_id", "12345", "password", "MySecretWords"),
		okBody("The server root password has been changed.", `{"server_id":"12345","password":"MySecretWords"}`))

	assertBody(t, node(t, s, "change_reverse_host", "server_id", "12345", "ip_address", "103.219.28.90", "hostname", "myserver.domain.com"),
		okBody("The reverse host has been changed.", `{"server_id":"12345","ip_address":"103.219.28.90","hostname":"myserver.domain.com"}`))
	assertBody(t, node(t, s, "change_reverse_host", "server_id", "12345", "ip_address", "103.219.28.91", "hostname", "myserver.domain.com"), errBody("The IP address does not belong to this server."))
	assertBody(t, node(t, s, "change_reverse_host", "server_id", "12345", "ip_address", "103.219.28", "hostname", "myserver.domain.com"), errBody("Parameter ip_address must be an IP address."))
	assertBody(t, node(t, s, "change_reverse_host", "server_id", "12345", "ip_address", "103.219.28.90"), errBody("Missing parameter: hostname."))

	assertBody(t, node(t, s, "set_server_custom_info", "server_id", "12345", "custom_info_1", "Cust-0021", "custom_info_2", "mypackage-x"),
		okBody("The server custom info has been set.", `{"server_id":"12345","custom_info_1":"Cust-0021","custom_info_2":"mypackage-x","custom_info_3":""}`))
	want := strings.NewReplacer(`"server_label":"My Server One"`, `"server_label":"Label"`, `"server_status":"on"`, `"server_status":"off"`,
		`"hostname":"server.domain.com"`, `"hostname":"myserver.domain.com"`, `"root_password":"Xk29LmQa77zP"`, `"root_password":"MySecretWords"`,
		`"custom_info_1":"","custom_info_2":""`, `"custom_info_1":"Cust-0021","custom_info_2":"mypackage-x"`).Replace(node12345)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12345"), okBody("", want))
	// Custom tags filter the list.
	assertBody(t, node(t, s, "get_server_list", "server_status", "all", "custom_info_1", "Cust-0021"), listBody(1, 20, 1, 1, want))
	// An omitted tag is cleared.
	assertBody(t, node(t, s, "set_server_custom_info", "server_id", "12345", "custom_info_3", "x"),
		okBody("The server custom info has been set.", `{"server_id":"12345","custom_info_1":"","custom_info_2":"","custom_info_3":"x"}`))
	assertBody(t, vd(t, s, "change_server_label", "server_id", "20001001", "server_label", "x"), errBody("Server not found."))
}

func TestVirtualMonitorURLExpiresByTheMockClock(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "get_server_virtual_monitor_url", "server_id", "12345", "monitor_mode", "spy"), errBody("Invalid value for monitor_mode. Allowed values: view_only, full_access."))
	assertBody(t, node(t, s, "get_server_virtual_monitor_url", "server_id", "12345", "branding_background_color", "green"), errBody("Parameter branding_background_color must be an HTML hex colour such as #006600."))
	assertBody(t, node(t, s, "get_server_virtual_monitor_url", "server_id", "12345", "home_url", "javascript:alert(1)"), errBody("Parameter home_url must be a valid http or https URL."))
	body := node(t, s, "get_server_virtual_monitor_url", "server_id", "12345", "branding_logo_url", "https://mydomain.com/logo.png", "branding_background_color", "#006600")
	monitor, alt := jsonField(t, body, "virtual_monitor_url"), jsonField(t, body, "alternative_virtual_monitor_url")
	prefix := s.URL + "/nodeco/virtualmonitor/12345/12312"
	if !strings.HasPrefix(monitor, prefix) || len(monitor) != len(prefix)+13 {
		t.Fatalf("virtual_monitor_url %q", monitor)
	}
	token := strings.TrimPrefix(monitor, s.URL+"/nodeco/virtualmonitor/12345/")
	esc := func(u string) string { return strings.ReplaceAll(u, "/", `\/`) }
	assertBody(t, body, okBody("", `{"server_id":"12345","virtual_monitor_url":"`+esc(monitor)+`","alternative_virtual_monitor_url":"`+esc(s.URL+"/nodeco/virtualmonitor-alt/12345/"+token)+`"}`))
	page := s.Do(t, "GET", "/nodeco/virtualmonitor/12345/"+token, "")
	if page.Status != 200 || !strings.Contains(page.Body, "<p>Root password: <code>Xk29LmQa77zP</code></p>") || !strings.Contains(page.Body, "mode full_access") {
		t.Fatalf("console page %d: %s", page.Status, page.Body)
	}
	altPage := s.Do(t, "GET", strings.TrimPrefix(alt, s.URL), "")
	if altPage.Status != 200 || !strings.Contains(altPage.Body, `<body style="background:#006600;color:#fff">`) || !strings.Contains(altPage.Body, `<img src="https://mydomain.com/logo.png" height="40" alt="">`) {
		t.Fatalf("alternative page %d: %s", altPage.Status, altPage.Body)
	}
	if res := s.Do(t, "GET", "/nodeco/virtualmonitor/12346/"+token, ""); res.Status != 404 {
		t.Fatalf("token on another server: %d", res.Status)
	}
	s.Advance(5*time.Minute - time.Second)
	if res := s.Do(t, "GET", "/nodeco/virtualmonitor/12345/"+token, ""); res.Status != 200 {
		t.Fatalf("before expiry: %d", res.Status)
	}
	s.Advance(time.Second)
	if res := s.Do(t, "GET", "/nodeco/virtualmonitor/12345/"+token, ""); res.Status != 410 || !strings.Contains(res.Body, "has expired") {
		t.Fatalf("after expiry: %d %s", res.Status, res.Body)
	}
	// Without the root password and on the virtdedi host.
	body = vd(t, s, "get_server_virtual_monitor_url", "server_id", "12345", "view_root_password", "no", "monitor_mode", "view_only")
	vdURL := jsonField(t, body, "virtual_monitor_url")
	if !strings.HasPrefix(vdURL, s.URL+"/virtdedi/virtualmonitor/12345/12312") {
		t.Fatalf("virtdedi url %q", vdURL)
	}
	res := s.Do(t, "GET", strings.TrimPrefix(vdURL, s.URL), "")
	if res.Status != 200 || strings.Contains(res.Body, "Root password") || !strings.Contains(res.Body, "mode view_only") {
		t.Fatalf("virtdedi console: %s", res.Body)
	}
}
