package nodeco_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/nodeco"
	"github.com/mocksuite/mocksuite/internal/store"
)

const (
	node12346 = `{"server_id":"12346","server_label":"My Server Two","order_status":"active","server_status":"on","package":"compute1","vcpu":1,"ram":0.5,"ssd":15,"hdd":0,"price":0.025,"monthly_cap":60000,"activated_time":"2016-09-02 09:30:27","end_time":"","install_method":"api","install_source":"template","os_template":"centos-6-64","iso_url":"","hostname":"myserver.domain.com","os_variant":"centos6.5","arch":"x86_64","root_password":"jhg&*^hgasgs","data_center":"ID.NAPINFO","extra_data_transfer_action":"unplug_network_interfaces","ownership":"owner","custom_info_1":"","custom_info_2":"","custom_info_3":"","daiy_snapshots":"yes","retain_daily_snapshots":7,"weekly_snapshots":"no","retain_weekly_snapshots":0,"monthly_snapshots":"no","retain_monthly_snapshots":0,"ip_address":"103.219.28.91"}`
	node12345 = `{"server_id":"12345","server_label":"My Server One","order_status":"active","server_status":"on","package":"compute2","vcpu":1,"ram":1,"ssd":25,"hdd":0,"price":0.05,"monthly_cap":120000,"activated_time":"2016-09-01 08:15:00","end_time":"","install_method":"api","install_source":"template","os_template":"centos-6-64","iso_url":"","hostname":"server.domain.com","os_variant":"centos6.5","arch":"x86_64","root_password":"Xk29LmQa77zP","data_center":"ID.NAPINFO","extra_data_transfer_action":"unplug_network_interfaces","ownership":"owner","custom_info_1":"","custom_info_2":"","custom_info_3":"","daiy_snapshots":"yes","retain_daily_snapshots":7,"weekly_snapshots":"no","retain_weekly_snapshots":0,"monthly_snapshots":"no","retain_monthly_snapshots":0,"ip_address":"103.219.28.90"}`
	vd12345   = `{"server_id":"12345","server_label":"My Server One","hostname":"server.domain.com","order_status":"active","server_status":"on","package":"ryzen9950x","vcpu":1,"ram":4,"nvme":50,"hdd":0,"monthly_data_transfer":2,"additional_monthly_data_transfer":0,"daiy_backup":"no","daily_backup_max_age":0,"weekly_backup":"no","weekly_backup_max_age":0,"monthly_backup":"no","monthly_backup_max_age":0,"hdd_backup":"no","price":9,"billing_cycle":"1monthly","billing_cycle_discount":0,"reseller_discount":0,"pay_with_balance":"yes","activated_time":"2016-09-01 12:00:56","end_time":"2016-09-02 12:00:56","data_center":"ID.DATAHALL","ownership":"owner","custom_info_1":"","custom_info_2":"","custom_info_3":"","ip_address":"103.219.30.10"}`
	vd12346   = `{"server_id":"12346","server_label":"My Server Two","hostname":"two.domain.com","order_status":"active","server_status":"off","package":"epyc7763","vcpu":2,"ram":8,"nvme":100,"hdd":0,"monthly_data_transfer":4,"additional_monthly_data_transfer":0,"daiy_backup":"no","daily_backup_max_age":0,"weekly_backup":"no","weekly_backup_max_age":0,"monthly_backup":"no","monthly_backup_max_age":0,"hdd_backup":"no","price":14,"billing_cycle":"1monthly","billing_cycle_discount":0,"reseller_discount":0,"pay_with_balance":"yes","activated_time":"2016-09-03 10:00:00","end_time":"2016-10-03 10:00:00","data_center":"ID.DATAHALL","ownership":"owner","custom_info_1":"","custom_info_2":"","custom_info_3":"","ip_address":"103.219.30.11"}`
)

func listBody(total, perPage, pages, page int, records ...string) string {
	var b strings.Builder
	for i, r := range records {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + string(rune('0'+i)) + `":` + r)
	}
	return okBody("", `{"total_records":`+itoa(total)+`,"records_per_page":`+itoa(perPage)+`,"total_pages":`+itoa(pages)+`,"page":`+itoa(page)+`,"records":{`+b.String()+`}}`)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestCatalog(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "get_arch_list"), archJSON)
	assertBody(t, vd(t, s, "get_arch_list"), archJSON)
	assertBody(t, node(t, s, "get_os_variant_list"), okBody("", `{"altlinux1.0":"ALT Linux 1.0","altlinux2.0":"ALT Linux 2.0","altlinux2.2":"ALT Linux 2.2","centos6.5":"CentOS 6.5"}`))
	assertBody(t, vd(t, s, "get_os_variant_list"), okBody("", `{"l26":"Linux 2.6 - 5.X Kernel","l24":"Linux 2.4 Kernel","win11":"Microsoft Windows 11\/2022","win10":"Microsoft Windows 10\/2016\/2019","win8":"Microsoft Windows 8\/2012\/2012r2","win7":"Microsoft Windows 7","wvista":"Microsoft Windows Vista","w2k8":"Microsoft Windows 2008","w2k3":"Microsoft Windows 2003","w2k":"Microsoft Windows 2000","wxp":"Microsoft Windows XP","solaris":"Solaris\/OpenSolaris\/OpenIndiania kernel","other":"Unspecified OS"}`))
	tmpl := okBody("", `{"centos-6-32":{"description":"CentOS 6 - 32bits","os_variant":"centos6.5","arch":"i686"},"centos-6-64":{"description":"CentOS 6 - 64bits","os_variant":"centos6.5","arch":"x86_64"}}`)
	assertBody(t, node(t, s, "get_os_template_list"), tmpl)
	assertBody(t, vd(t, s, "get_os_template_list"), tmpl)
	assertBody(t, node(t, s, "get_os_variant_list", "format", "xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message></message>\n<data>\n    <altlinux1.0>ALT Linux 1.0</altlinux1.0>\n    <altlinux2.0>ALT Linux 2.0</altlinux2.0>\n    <altlinux2.2>ALT Linux 2.2</altlinux2.2>\n    <centos6.5>CentOS 6.5</centos6.5>\n</data>\n")
	assertBody(t, node(t, s, "get_os_template_list", "format", "xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message></message>\n<data>\n    <centos-6-32>\n        <description>CentOS 6 - 32bits</description>\n        <os_variant>centos6.5</os_variant>\n        <arch>i686</arch>\n    </centos-6-32>\n    <centos-6-64>\n        <description>CentOS 6 - 64bits</description>\n        <os_variant>centos6.5</os_variant>\n        <arch>x86_64</arch>\n    </centos-6-64>\n</data>\n")
}

func TestServerDetail(t *testing.T) {
	s := newServer(t, nil)
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12346"), okBody("", node12346))
	assertBody(t, node(t, s, "get_server_detail", "server_id", "12345"), okBody("", node12345))
	assertBody(t, vd(t, s, "get_server_detail", "server_id", "12345"), okBody("", vd12345))
	// Ownership: another account's server does not exist for the caller.
	assertBody(t, node(t, s, "get_server_detail", "server_id", "20001001"), errBody("Server not found."))
	assertBody(t, api(t, s, "/nodeco/api/v1/", "get_server_detail", user2, key2, "server_id", "12345"), errBody("Server not found."))
	assertBody(t, node(t, s, "get_server_detail", "server_id", "424242"), errBody("Server not found."))
	assertBody(t, node(t, s, "get_server_detail"), errBody("Missing parameter: server_id."))
	assertBody(t, node(t, s, "get_server_detail", "server_id", strings.Repeat("1", 51)), errBody("Parameter server_id is too long (maximum 50 characters)."))
	xml := node(t, s, "get_server_detail", "server_id", "12346", "format", "xml")
	for _, want := range []string{"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message></message>\n<data>\n    <server_id>12346</server_id>\n", "    <root_password>jhg&amp;*^hgasgs</root_password>\n", "    <daiy_snapshots>yes</daiy_snapshots>\n", "    <end_time></end_time>\n", "    <ram>0.5</ram>\n    <ssd>15</ssd>\n"} {
		if !strings.Contains(xml, want) {
			t.Fatalf("XML lacks %q:\n%s", want, xml)
		}
	}
}

func TestServerList(t *testing.T) {
	s := newServer(t, nil)
	// node defaults: order_status=active, server_status=on, newest activation first.
	assertBody(t, node(t, s, "get_server_list"), listBody(2, 20, 1, 1, node12346, node12345))
	assertBody(t, node(t, s, "get_server_list", "sorted_by", "server_label_ascending"), listBody(2, 20, 1, 1, node12345, node12346))
	assertBody(t, node(t, s, "get_server_list", "package", "compute1"), listBody(1, 20, 1, 1, node12346))
	assertBody(t, node(t, s, "get_server_list", "ownership", "shared"), listBody(0, 20, 0, 1))
	assertBody(t, node(t, s, "get_server_list", "server_status", "off"), listBody(0, 20, 0, 1))
	assertBody(t, node(t, s, "get_server_list", "records_per_page", "10", "page", "7"), listBody(2, 10, 1, 1, node12346, node12345))
	// virtdedi defaults to all statuses: the powered-off 12346 is listed.
	assertBody(t, vd(t, s, "get_server_list", "sorted_by", "activated_time_ascending"), listBody(2, 20, 1, 1, vd12345, vd12346))
	assertBody(t, vd(t, s, "get_server_list", "order_status", "pendingcancel"), listBody(0, 20, 0, 1))

	for _, tc := range []struct{ flavour, k, v, want string }{
		{"n", "records_per_page", "9", "Parameter records_per_page must be an integer from 10 to 100."},
		{"n", "records_per_page", "101", "Parameter records_per_page must be an integer from 10 to 100."},
		{"n", "records_per_page", "2x", "Parameter records_per_page must be an integer from 10 to 100."},
		{"n", "page", "0", "Parameter page must be an integer from 1 to 9999999999."},
		{"n", "sorted_by", "price", "Invalid value for sorted_by. Allowed values: server_label_ascending, server_label_descending, activated_time_ascending, activated_time_descending."},
		{"n", "ownership", "mine", "Invalid value for ownership. Allowed values: all, owner, shared."},
		{"n", "order_status", "pendingcancel", "Invalid value for order_status. Allowed values: all, pending, active, suspended, canceled."},
		{"n", "server_status", "running", "Invalid value for server_status. Allowed values: all, install, reinstall, on, off, suspended, deleted."},
		{"n", "package", "ryzen9950x", "Invalid value for package. Allowed values: all, trial, compute1, compute2, compute3, performance1, performance2, performance3, performance4."},
		{"v", "package", "compute1", "Invalid value for package. Allowed values: all, ryzen9950x, epyc7763."},
		{"n", "custom_info_1", strings.Repeat("x", 51), "Parameter custom_info_1 is too long (maximum 50 characters)."},
	} {
		call := node
		if tc.flavour == "v" {
			call = vd
		}
		assertBody(t, call(t, s, "get_server_list", tc.k, tc.v), errBody(tc.want))
	}
}

func TestServerListPaging(t *testing.T) {
	s := newServer(t, nil)
	// Twelve more servers, all running once installed.
	for i := 0; i < 12; i++ {
		s.Advance(time.Second)
		body := node(t, s, "create_server", "package", "compute1", "server_label", "bulk", "install_source", "template", "os_template", "centos-6-32", "hostname", "bulk.example.com")
		if !strings.HasPrefix(body, `{"code":"OK"`) {
			t.Fatal(body)
		}
	}
	s.Advance(time.Minute)
	var res struct {
		Data struct {
			Total   int                        `json:"total_records"`
			PerPage int                        `json:"records_per_page"`
			Pages   int                        `json:"total_pages"`
			Page    int                        `json:"page"`
			Records map[string]json.RawMessage `json:"records"`
		} `json:"data"`
	}
	body := node(t, s, "get_server_list", "records_per_page", "10", "page", "99")
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Data.Total != 14 || res.Data.PerPage != 10 || res.Data.Pages != 2 || res.Data.Page != 2 || len(res.Data.Records) != 4 {
		t.Fatalf("paging = %+v", res.Data)
	}
	// The last page holds the oldest: the fixtures, newest first.
	if !strings.HasSuffix(body, `"2":`+node12346+`,"3":`+node12345+`}}}`) {
		t.Fatalf("last page: %s", body)
	}
}

// createdID pulls server_id out of a create_server answer.
func createdID(t *testing.T, body string) string {
	t.Helper()
	var res struct {
		Code string
		Data struct {
			ServerID string `json:"server_id"`
		}
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || res.Code != "OK" {
		t.Fatalf("create: %v %s", err, body)
	}
	return res.Data.ServerID
}

func detailField(t *testing.T, body, field string) string {
	t.Helper()
	var res struct{ Data map[string]any }
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	v, _ := res.Data[field].(string)
	return v
}

func TestCreateServerNodeInstallsByTheClock(t *testing.T) {
	s := newServer(t, nil)
	body := node(t, s, "create_server", "package", "custom", "vcpu", "2", "ram", "4", "ssd", "40", "server_label", "Custom <one>",
		"install_source", "template", "os_template", "centos-6-32", "hostname", "custom.example.com", "ssh_keys", "ssh-ed25519 AAAAC3Nza user@host\nssh-rsa AAAAB3Nza other")
	id := createdID(t, body)
	if len(id) != 8 {
		t.Fatalf("server id %q", id)
	}
	assertBody(t, body, okBody("The server creation process has been started", `{"server_id":"`+id+`","order_status":"active","server_status":"install"}`))
	detail := func() string { return node(t, s, "get_server_detail", "server_id", id) }
	d := detail()
	pw, ip := detailField(t, d, "root_password"), detailField(t, d, "ip_address")
	if len(pw) != 12 || strings.ContainsAny(pw, `'"$ `) || !strings.HasPrefix(ip, "103.219.") {
		t.Fatalf("generated password %q ip %q", pw, ip)
	}
	want := func(status string) string {
		return okBody("", `{"server_id":"`+id+`","server_label":"Custom <one>","order_status":"active","server_status":"`+status+`","package":"custom","vcpu":2,"ram":4,"ssd":40,"hdd":0,"price":0.08,"monthly_cap":480000,"activated_time":"2024-05-01 17:00:00","end_time":"","install_method":"api","install_source":"template","os_template":"centos-6-32","iso_url":"","hostname":"custom.example.com","os_variant":"centos6.5","arch":"i686","root_password":"`+pw+`","data_center":"ID.NAPINFO","extra_data_transfer_action":"unplug_network_interfaces","ownership":"owner","custom_info_1":"","custom_info_2":"","custom_info_3":"","daiy_snapshots":"no","retain_daily_snapshots":0,"weekly_snapshots":"no","retain_weekly_snapshots":0,"monthly_snapshots":"no","retain_monthly_snapshots":0,"ip_address":"`+ip+`"}`)
	}
	assertBody(t, d, want("install"))
	assertBody(t, node(t, s, "turn_server_off", "server_id", id), errBody("The server is being installed. Please wait until the installation has finished."))
	s.Advance(59 * time.Second)
	assertBody(t, detail(), want("install"))
	s.Advance(time.Second)
	assertBody(t, detail(), want("on"))
	// The real stage never saw it.
	assertBody(t, api(t, s, "/nodeco/api/v1/", "get_server_detail", user1, key1, "server_id", id), errBody("Server not found."))
}

func TestCreateServerVirtdedi(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*nodeco.Config](c).InstallDelay = 10 * time.Minute })
	body := vd(t, s, "create_server", "package", "epyc7763", "vcpu", "3", "server_label", "EPYC", "hostname", "epyc.example.com",
		"install_source", "backup", "backup_id", "vdbk7hq2m4", "root_password", "Secret123")
	id := createdID(t, body)
	assertBody(t, body, okBody("The server creation process has been started", `{"server_id":"`+id+`","order_status":"active","server_status":"install"}`))
	d := vd(t, s, "get_server_detail", "server_id", id)
	ip := detailField(t, d, "ip_address")
	want := func(status string) string {
		return okBody("", `{"server_id":"`+id+`","server_label":"EPYC","hostname":"epyc.example.com","order_status":"active","server_status":"`+status+`","package":"epyc7763","vcpu":3,"ram":12,"nvme":150,"hdd":0,"monthly_data_transfer":6,"additional_monthly_data_transfer":0,"daiy_backup":"no","daily_backup_max_age":0,"weekly_backup":"no","weekly_backup_max_age":0,"monthly_backup":"no","monthly_backup_max_age":0,"hdd_backup":"no","price":21,"billing_cycle":"1monthly","billing_cycle_discount":0,"reseller_discount":0,"pay_with_balance":"yes","activated_time":"2024-05-01 17:00:00","end_time":"2024-06-01 17:00:00","data_center":"ID.DATAHALL","ownership":"owner","custom_info_1":"","custom_info_2":"","custom_info_3":"","ip_address":"`+ip+`"}`)
	}
	assertBody(t, d, want("install"))
	s.Advance(10*time.Minute - time.Second)
	assertBody(t, vd(t, s, "get_server_detail", "server_id", id), want("install"))
	s.Advance(time.Second)
	assertBody(t, vd(t, s, "get_server_detail", "server_id", id), want("on"))
}

func TestCreateServerValidation(t *testing.T) {
	s := newServer(t, nil)
	tmpl := []string{"server_label", "L", "install_source", "template", "os_template", "centos-6-64", "hostname", "a.example.com"}
	with := func(base []string, kv ...string) []string { return append(append([]string{}, kv...), base...) }
	tests := []struct {
		name   string
		vd     bool
		params []string
		want   string
	}{
		{"no package", false, tmpl, "Missing parameter: package."},
		{"trial gone in rev B", false, with(tmpl, "package", "trial"), "Invalid value for package. Allowed values: compute1, compute2, compute3, performance1, performance2, performance3, performance4, custom."},
		{"custom needs vcpu", false, with(tmpl, "package", "custom"), "Missing parameter: vcpu."},
		{"custom vcpu range", false, with(tmpl, "package", "custom", "vcpu", "1", "ram", "2", "ssd", "20"), "Parameter vcpu must be an integer from 2 to 24."},
		{"custom ram range", false, with(tmpl, "package", "custom", "vcpu", "2", "ram", "65", "ssd", "20"), "Parameter ram must be an integer from 2 to 64."},
		{"custom ssd range", false, with(tmpl, "package", "custom", "vcpu", "2", "ram", "2", "ssd", "601"), "Parameter ssd must be an integer from 20 to 600."},
		{"no label", false, []string{"package", "compute1", "install_source", "template"}, "Missing parameter: server_label."},
		{"label too long", false, []string{"package", "compute1", "server_label", strings.Repeat("L", 51)}, "Parameter server_label is too long (maximum 50 characters)."},
		{"no install_source", false, []string{"package", "compute1", "server_label", "L"}, "Missing parameter: install_source."},
		{"backup is virtdedi wording", false, []string{"package", "compute1", "server_label", "L", "install_source", "backup"}, "Invalid value for install_source. Allowed values: template, snapshot, iso."},
		{"no template", false, []string{"package", "compute1", "server_label", "L", "install_source", "template"}, "Missing parameter: os_template."},
		{"unknown template", false, []string{"package", "compute1", "server_label", "L", "install_source", "template", "os_template", "debian-12"}, "Unknown os_template. Use a value from get_os_template_list."},
		{"no hostname", false, []string{"package", "compute1", "server_label", "L", "install_source", "template", "os_template", "centos-6-64"}, "Missing parameter: hostname."},
		{"bad hostname", false, []string{"package", "compute1", "server_label", "L", "install_source", "template", "os_template", "centos-6-64", "hostname", "localhost"}, "Invalid hostname. It must be a fully qualified domain name such as myserver.domain.com."},
		{"bad ssh key", false, with(tmpl, "package", "compute1", "ssh_keys", "not a key"), "ssh_keys contains a line that is not a public key."},
		{"eleven ssh keys", false, with(tmpl, "package", "compute1", "ssh_keys", strings.Repeat("ssh-rsa AAAA k\n", 11)), "ssh_keys holds more than 10 keys."},
		{"no snapshot id", false, []string{"package", "compute1", "server_label", "L", "install_source", "snapshot", "hostname", "a.example.com"}, "Missing parameter: snapshot_id."},
		{"snapshot too big", false, []string{"package", "compute1", "server_label", "L", "install_source", "snapshot", "snapshot_id", "hjagsdjhg89", "hostname", "a.example.com"}, "The snapshot comes from a larger package. Use a snapshot of the same or a lower package."},
		{"unknown snapshot", false, []string{"package", "compute2", "server_label", "L", "install_source", "snapshot", "snapshot_id", "nope", "hostname", "a.example.com"}, "Snapshot not found."},
		{"iso needs option", false, []string{"package", "compute1", "server_label", "L", "install_source", "iso"}, "Missing parameter: iso_file_option."},
		{"own iso needs url", false, []string{"package", "compute1", "server_label", "L", "install_source", "iso", "iso_file_option", "own_iso_file"}, "Missing parameter: iso_url."},
		{"own iso bad url", false, []string{"package", "compute1", "server_label", "L", "install_source", "iso", "iso_file_option", "own_iso_file", "iso_url", "ftp://x/y.iso"}, "Parameter iso_url must be a valid http or https URL."},
		{"own iso bad variant", false, []string{"package", "compute1", "server_label", "L", "install_source", "iso", "iso_file_option", "own_iso_file", "iso_url", "https://x.example/y.iso", "os_variant", "win10"}, "Unknown os_variant. Use a value from get_os_variant_list."},
		{"own iso bad arch", false, []string{"package", "compute1", "server_label", "L", "install_source", "iso", "iso_file_option", "own_iso_file", "iso_url", "https://x.example/y.iso", "os_variant", "centos6.5", "arch", "arm64"}, "Unknown arch. Use a value from get_arch_list."},
		{"vd no vcpu", true, []string{"package", "ryzen9950x"}, "Missing parameter: vcpu."},
		{"vd ryzen max 30", true, []string{"package", "ryzen9950x", "vcpu", "31"}, "Parameter vcpu must be an integer from 1 to 30."},
		{"vd epyc max 120", true, []string{"package", "epyc7763", "vcpu", "121"}, "Parameter vcpu must be an integer from 1 to 120."},
		{"vd hostname always", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "install_source", "iso"}, "Missing parameter: hostname."},
		{"vd snapshot is node wording", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "snapshot"}, "Invalid value for install_source. Allowed values: template, backup, iso."},
		{"vd no backup_id", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "backup"}, "Missing parameter: backup_id."},
		{"vd restore hdd without hdd", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "backup", "backup_id", "vdbk7hq2m4", "restore_hdd", "yes"}, "The backup has no secondary HDD to restore."},
		{"vd short root password", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "template", "os_template", "centos-6-64", "root_password", "abcd"}, "The root password must be 5 to 15 characters long."},
		{"vd root password chars", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "template", "os_template", "centos-6-64", "root_password", "abc$defg"}, "The password must not contain ', \", $ or spaces."},
		{"vd root password iso", true, []string{"package", "epyc7763", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "iso", "iso_file_option", "cached_iso_file", "cached_iso_file", "debian.iso", "root_password", "abcdefg"}, "root_password can only be set for template or backup installs."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			call := node
			if tc.vd {
				call = vd
			}
			assertBody(t, call(t, s, "create_server", tc.params...), errBody(strings.ReplaceAll(tc.want, `"`, `\"`)))
		})
	}
	// Nothing was created by any refused call.
	assertBody(t, node(t, s, "get_server_list", "server_status", "all"), listBody(2, 20, 1, 1, node12346, node12345))
}

func TestCreateServerEligibility(t *testing.T) {
	s := newServer(t, nil)
	order := []string{"package", "compute1", "server_label", "L", "install_source", "template", "os_template", "centos-6-64", "hostname", "a.example.com"}
	setAccount := func(flavour, user string, f func(*store.NodecoAccount)) {
		t.Helper()
		err := s.App.Store.Nodeco(t.Context(), func(q *store.NodecoTx) error {
			a, err := q.Account(flavour, user)
			if err != nil {
				return err
			}
			f(&a)
			return q.SaveAccount(a)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Account 20001 has an unpaid invoice (fixtures).
	assertBody(t, api(t, s, "/nodeco/api/v1/", "create_server", user2, key2, order...), errBody("You have unpaid or overdue invoices. Please pay them before creating a server."))
	vdOrder := []string{"package", "ryzen9950x", "vcpu", "1", "server_label", "L", "hostname", "a.example.com", "install_source", "template", "os_template", "centos-6-64"}
	assertBody(t, api(t, s, "/virtdedi/api/v1/", "create_server", user2, key2, vdOrder...), errBody("You have unpaid or overdue invoices. Please pay them before creating a server."))

	setAccount("nodeco", user1, func(a *store.NodecoAccount) { a.PhoneVerified = false })
	assertBody(t, node(t, s, "create_server", order...), errBody("Please verify your mobile phone number before creating a server."))
	setAccount("nodeco", user1, func(a *store.NodecoAccount) { a.PhoneVerified, a.Balance = true, "0" })
	assertBody(t, node(t, s, "create_server", order...), errBody("Your credit balance must be positive to create a server."))
	setAccount("virtdedi", user1, func(a *store.NodecoAccount) { a.Balance = "-1.5" })
	assertBody(t, vd(t, s, "create_server", vdOrder...), errBody("Your credit balance must be positive to create a server."))
	// A reseller needs a month of the package: compute1 is 0.025 × 720 = 18.
	setAccount("nodeco", user1, func(a *store.NodecoAccount) { a.Balance, a.Reseller = "17.9999", true })
	assertBody(t, node(t, s, "create_server", order...), errBody("Your credit balance is not enough for this package."))
	setAccount("nodeco", user1, func(a *store.NodecoAccount) { a.Balance = "18" })
	createdID(t, node(t, s, "create_server", order...))
	// A non-reseller short of a month's credit may only hold new_server_cap servers (3 now).
	setAccount("nodeco", user1, func(a *store.NodecoAccount) { a.Balance, a.Reseller, a.NewServerCap = "1", false, 4 })
	createdID(t, node(t, s, "create_server", order...))
	assertBody(t, node(t, s, "create_server", order...), errBody("You have reached the maximum number of servers you can create without sufficient credit balance."))
}
