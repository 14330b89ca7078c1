package nodeco

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/verify"
	"github.com/mocksuite/mocksuite/mocksign"
)

// fnDoc is what the description adds to an entry of the functions table.
type fnDoc struct {
	summary string
	ok      []string // success messages
	params  []apidesc.Param
	example []apidesc.Pair
	data    apidesc.Schema
	errs    []string // refusals besides authentication and parameter checks
	capture []apidesc.Pair
}

// describedOrder is the functions table in the order a client meets it: the
// Postman run reads, changes server 12345 (off, rename, on), shares it,
// snapshots it, reinstalls it and finally cancels it.
var describedOrder = []string{
	"get_arch_list", "get_os_variant_list", "get_os_template_list", "get_server_list", "get_server_detail", "create_server",
	"change_server_label", "set_server_custom_info", "change_reverse_host", "turn_server_off", "change_server_hostname",
	"change_server_password", "turn_server_on", "get_server_virtual_monitor_url", "get_server_shared_access_list",
	"add_server_shared_access", "delete_server_shared_access", "get_snapshot_list", "get_snapshot_detail", "create_snapshot",
	"delete_snapshot", "set_server_snapshot_schedule", "reinstall_server", "cancel_server",
}

// sample is the fixture server and snapshot the Postman run works on.
func (p *Provider) sample() (ip, snapshot, pkgName string) {
	if p.flavour == VirtDedi {
		return "103.219.30.10", "vdbk7hq2m4", virtdediPlans[0].name
	}
	return "103.219.28.90", "hjagsdjhg89", nodePackages[0].name
}

func strP(name string, maxLen int, required bool, desc string) apidesc.Param {
	return apidesc.Param{Name: name, MaxLength: maxLen, Required: required, Description: desc}
}

func enumP(name, def string, vals ...string) apidesc.Param {
	return apidesc.Param{Name: name, Enum: vals, Default: def}
}

func intP(name string, required bool, lo, hi float64) apidesc.Param {
	return apidesc.Param{Name: name, Type: "integer", Required: required, Minimum: apidesc.Num(lo), Maximum: apidesc.Num(hi)}
}

func (p *Provider) describedFunctions() map[string]fnDoc {
	ip, snap, pkgName := p.sample()
	server := strP("server_id", 50, true, "the server")
	srvEx := apidesc.Pair{Name: "server_id", Value: "12345"}
	state := []string{errServerNotFound, errPermissionDenied, errServerCanceled, errServerSuspended, errServerPending, errServerInstalling}
	hostname := apidesc.Param{Name: "hostname", Required: true, MaxLength: 50, Description: "a fully qualified domain name"}
	listing := []apidesc.Param{intP("records_per_page", false, 10, 100), intP("page", false, 1, 9999999999)}
	ids := func(keys ...string) apidesc.Schema {
		kv := make([]any, 0, 2*len(keys))
		for _, k := range keys {
			kv = append(kv, k, apidesc.Str())
		}
		return apidesc.Obj(kv...)
	}
	yes := []string{"yes", "no"}
	// Records are open objects: these keys are in every flavour's record.
	serverRecord := ids("server_id", "server_label", "order_status", "server_status", "package")
	snapshotRecord := ids("snapshot_id", "server_id", "snapshot_status")
	paged := func(record apidesc.Schema) apidesc.Schema {
		return apidesc.Obj("total_records", apidesc.Int(), "records_per_page", apidesc.Int(), "total_pages", apidesc.Int(), "page", apidesc.Int(),
			"records", apidesc.Schema{"type": "object", "description": `records keyed "0", "1", … in order`, "additionalProperties": record})
	}
	word := "snapshot"
	if p.flavour == VirtDedi {
		word = "backup"
	}
	var schedule []apidesc.Param
	for _, cycle := range []string{"daily", "weekly", "monthly"} {
		schedule = append(schedule, enumP(cycle+"_"+word, "no", yes...),
			apidesc.Param{Name: cycle + "_" + word + "_max_age", Type: "integer", Minimum: apidesc.Num(1), Maximum: apidesc.Num(99), Description: "required when " + cycle + "_" + word + " is yes"})
	}
	var create []apidesc.Param
	var createEx []apidesc.Pair
	if p.flavour == VirtDedi {
		var plans []string
		for _, pl := range virtdediPlans {
			plans = append(plans, pl.name)
		}
		create = []apidesc.Param{{Name: "package", Required: true, Enum: plans}, intP("vcpu", true, 1, 120), enumP("restore_hdd", "no", yes...),
			{Name: "root_password", MinLength: 5, MaxLength: 15, Description: "template or backup installs only; no ', \", $ or spaces"}}
		createEx = []apidesc.Pair{{Name: "package", Value: pkgName}, {Name: "vcpu", Value: "1"}}
	} else {
		var names []string
		for _, pk := range nodePackages {
			names = append(names, pk.name)
		}
		create = []apidesc.Param{{Name: "package", Required: true, Enum: append(names, "custom")}, intP("vcpu", false, 2, 24), intP("ram", false, 2, 64), intP("ssd", false, 20, 600)}
		createEx = []apidesc.Pair{{Name: "package", Value: pkgName}}
	}
	install := []apidesc.Param{
		{Name: "install_source", Required: true, Enum: []string{"template", "snapshot", "backup", "iso"}, Description: "snapshot on nodeco, backup on virtdedi"},
		strP("os_template", 50, false, "template installs: a key of get_os_template_list"),
		strP("snapshot_id", 50, false, "snapshot installs"), strP("backup_id", 50, false, "backup installs"),
		enumP("iso_file_option", "", "cached_iso_file", "own_iso_file"), strP("cached_iso_file", 255, false, ""),
		{Name: "iso_url", MaxLength: 255, Format: "uri"}, strP("os_variant", 50, false, "iso installs"), strP("arch", 10, false, "iso installs"),
		{Name: "ssh_keys", Description: "up to 10 public keys, one a line"},
	}
	installErrs := []string{errTemplateNotFound, errVariantNotFound, errArchNotFound, errHostname, errSSHKeysCount, errSSHKeyInvalid, errURLFmt,
		errSnapshotNotFound, errSnapshotInactive, errSnapshotNoTmpl, errSnapshotTooBig}
	installEx := []apidesc.Pair{{Name: "install_source", Value: "template"}, {Name: "os_template", Value: "centos-6-64"}}
	pwd := apidesc.Param{Name: "password", Required: true, MaxLength: 15, Description: "no ', \", $ or spaces"}
	shareEmail := apidesc.Pair{Name: "email", Value: "friend@example.net"}
	return map[string]fnDoc{
		"get_arch_list":        {summary: "Architectures for ISO installs: key → label", ok: []string{msgRead}, data: apidesc.Map(apidesc.Str())},
		"get_os_variant_list":  {summary: "OS variants for ISO installs: key → label", ok: []string{msgRead}, data: apidesc.Map(apidesc.Str())},
		"get_os_template_list": {summary: "OS templates: key → description, variant and arch", ok: []string{msgRead}, data: apidesc.Map(ids("description", "os_variant", "arch"))},
		"get_server_list": {summary: "List servers", ok: []string{msgRead},
			params: append(append([]apidesc.Param{}, listing...), enumP("sorted_by", "activated_time_descending", "server_label_ascending", "server_label_descending", "activated_time_ascending", "activated_time_descending"),
				enumP("ownership", "all", "all", "owner", "shared"), strP("order_status", 0, false, "all, pending, active, suspended, (pendingcancel,) canceled"),
				strP("server_status", 0, false, "all or a server status"), strP("package", 0, false, "all or a package"),
				strP("custom_info_1", 50, false, ""), strP("custom_info_2", 50, false, ""), strP("custom_info_3", 50, false, "")),
			data: paged(serverRecord)},
		"get_server_detail": {summary: "One server", ok: []string{msgRead}, params: []apidesc.Param{server}, example: []apidesc.Pair{srvEx},
			data: serverRecord, errs: state},
		"create_server": {summary: "Order a server", ok: []string{msgCreateServer},
			params:  append(append(append([]apidesc.Param{}, create...), strP("server_label", 50, true, ""), hostname), install...),
			example: append(append(createEx, apidesc.Pair{Name: "server_label", Value: "postman"}, apidesc.Pair{Name: "hostname", Value: "postman.example.com"}), installEx...),
			data:    ids("server_id", "order_status", "server_status"),
			errs: append([]string{errPhoneUnverified, errUnpaidInvoices, errNoBalance, errResellerCredit, errNewServerCap, errRootPasswordISO, errRootPasswordLen, errPassword, errNoHDDBackup},
				installErrs...)},
		"cancel_server": {summary: "Cancel a server", ok: []string{msgCancelServer}, params: []apidesc.Param{server, enumP("retain_snapshot_files", "no", yes...)},
			example: []apidesc.Pair{srvEx}, data: ids("server_id"), errs: state},
		"reinstall_server": {summary: "Reinstall a server", ok: []string{msgReinstallServer}, params: append([]apidesc.Param{server, {Name: "hostname", MaxLength: 50, Description: "required for template installs"}}, install...),
			example: append([]apidesc.Pair{srvEx, {Name: "hostname", Value: "rebuilt.example.com"}}, installEx...),
			data:    ids("server_id", "order_status", "server_status"), errs: append(append([]string{}, state...), installErrs...)},
		"turn_server_on":  {summary: "Turn a server on", ok: []string{msgTurnOn}, params: []apidesc.Param{server}, example: []apidesc.Pair{srvEx}, data: ids("server_id"), errs: state},
		"turn_server_off": {summary: "Turn a server off (forcefully)", ok: []string{msgTurnOff}, params: []apidesc.Param{server}, example: []apidesc.Pair{srvEx}, data: ids("server_id"), errs: state},
		"change_server_label": {summary: "Rename a server", ok: []string{msgChangeLabel}, params: []apidesc.Param{server, strP("server_label", 50, true, "")},
			example: []apidesc.Pair{srvEx, {Name: "server_label", Value: "renamed"}}, data: ids("server_id", "server_label"), errs: state},
		"change_server_hostname": {summary: "Change the hostname (server off)", ok: []string{msgChangeHostname}, params: []apidesc.Param{server, hostname},
			example: []apidesc.Pair{srvEx, {Name: "hostname", Value: "renamed.example.com"}}, data: ids("server_id", "hostname"), errs: append([]string{errHostname, errMustBeOffHostname}, state...)},
		"change_reverse_host": {summary: "Set the reverse host of an IP", ok: []string{msgChangeReverse},
			params:  []apidesc.Param{server, strP("ip_address", 50, true, "an IP of the server"), hostname},
			example: []apidesc.Pair{srvEx, {Name: "ip_address", Value: ip}, {Name: "hostname", Value: "mail.example.com"}},
			data:    ids("server_id", "ip_address", "hostname"), errs: append([]string{errIPFmt, errIPNotOnServer, errHostname}, state...)},
		"set_server_custom_info": {summary: "Set the three custom info fields", ok: []string{msgSetCustomInfo},
			params:  []apidesc.Param{server, strP("custom_info_1", 50, false, ""), strP("custom_info_2", 50, false, ""), strP("custom_info_3", 50, false, "")},
			example: []apidesc.Pair{srvEx, {Name: "custom_info_1", Value: "postman"}}, data: ids("server_id", "custom_info_1", "custom_info_2", "custom_info_3"), errs: state},
		"change_server_password": {summary: "Change the root password (server off)", ok: []string{msgChangePassword}, params: []apidesc.Param{server, pwd},
			example: []apidesc.Pair{srvEx, {Name: "password", Value: "Secret123"}}, data: ids("server_id", "password"), errs: append([]string{errPassword, errMustBeOffPassword}, state...)},
		"get_server_virtual_monitor_url": {summary: "A console URL", ok: []string{msgRead},
			params: []apidesc.Param{server, enumP("monitor_mode", "full_access", "view_only", "full_access"), enumP("view_root_password", "yes", "no", "yes"),
				{Name: "branding_logo_url", MaxLength: 100, Format: "uri"}, {Name: "home_url", MaxLength: 100, Format: "uri"}, {Name: "server_detail_url", MaxLength: 100, Format: "uri"},
				{Name: "branding_background_color", MaxLength: 10, Pattern: "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}},
			example: []apidesc.Pair{srvEx}, data: apidesc.AnyObject(), errs: append([]string{errURLFmt, errColorFmt}, state...)},
		"get_server_shared_access_list": {summary: "Who the server is shared with", ok: []string{msgRead}, params: []apidesc.Param{server}, example: []apidesc.Pair{srvEx},
			data: apidesc.Obj("server_id", apidesc.Str(), "shared_accesses", apidesc.Map(apidesc.Obj("email", apidesc.Str()))), errs: state},
		"add_server_shared_access": {summary: "Share a server", ok: []string{msgShareAddedFmt},
			params: []apidesc.Param{server, {Name: "email", Required: true, MaxLength: 50, Format: "email"}, enumP("virtual_monitor", "no", "no", "view_only", "full_access"),
				enumP("change_label", "no", yes...), enumP("view_password", "no", yes...), enumP("change_password", "no", yes...), enumP("turn_on", "no", yes...),
				enumP("turn_off", "no", yes...), enumP("reinstall", "no", yes...), enumP("change_reverse_host", "no", yes...), enumP("view_snapshot", "no", yes...),
				enumP("create_snapshot", "no", yes...), enumP("delete_snapshot", "no", yes...)},
			example: []apidesc.Pair{srvEx, shareEmail, {Name: "turn_on", Value: "yes"}}, data: apidesc.AnyObject(), errs: append([]string{errEmail, errShareWithOwner}, state...)},
		"delete_server_shared_access": {summary: "Revoke a share", ok: []string{msgShareRevokedFmt}, params: []apidesc.Param{server, strP("email", 50, true, "")},
			example: []apidesc.Pair{srvEx, shareEmail}, data: ids("server_id", "email"), errs: append([]string{errShareNotFound}, state...)},
		"get_snapshot_list": {summary: "List snapshots", ok: []string{msgRead},
			params: append(append([]apidesc.Param{{Name: "client_ip_address", Required: true, MaxLength: 20, Format: "ipv4", Description: "the address the download links are for"}}, listing...),
				enumP("sorted_by", "snapshot_add_time_descending", "snapshot_size_ascending", "snapshot_size_descending", "snapshot_add_time_ascending", "snapshot_add_time_descending"),
				enumP("ownership", "all", "all", "owner", "shared"), enumP("snapshot_status", "active", "all", "processing", "active", "deleted"),
				enumP("snapshot_cycle", "all", "all", "manual", "daily", "weekly", "monthly"), strP("server_id", 20, false, "")),
			example: []apidesc.Pair{{Name: "client_ip_address", Value: "127.0.0.1"}},
			data:    paged(snapshotRecord),
			errs:    append([]string{errIPv4Fmt}, state...)},
		"get_snapshot_detail": {summary: "One snapshot with its download link", ok: []string{msgRead},
			params:  []apidesc.Param{strP("snapshot_id", 50, true, ""), {Name: "client_ip_address", Required: true, MaxLength: 20, Format: "ipv4"}},
			example: []apidesc.Pair{{Name: "snapshot_id", Value: snap}, {Name: "client_ip_address", Value: "127.0.0.1"}},
			data:    snapshotRecord, errs: append([]string{errIPv4Fmt, errSnapshotNotFound}, state...)},
		"create_snapshot": {summary: "Take a manual snapshot (nodeco only)", ok: []string{msgCreateSnapshot}, params: []apidesc.Param{server}, example: []apidesc.Pair{srvEx},
			data: ids("snapshot_id", "server_id", "snapshot_status"), errs: state, capture: []apidesc.Pair{{Name: p.Name() + "_snapshot_id", Value: "data.snapshot_id"}}},
		"delete_snapshot": {summary: "Delete a snapshot", ok: []string{msgDeleteSnapshot}, params: []apidesc.Param{strP("snapshot_id", 50, true, "")},
			example: []apidesc.Pair{{Name: "snapshot_id", Value: "{{" + p.Name() + "_snapshot_id}}"}}, data: ids("snapshot_id", "snapshot_status"),
			errs: append([]string{errSnapshotNotFound, errSnapshotDeleted}, state...)},
		"set_server_snapshot_schedule": {summary: "Set the automatic " + word + " schedule", ok: []string{msgSnapshotSchedule},
			params:  append([]apidesc.Param{server}, schedule...),
			example: []apidesc.Pair{srvEx, {Name: "daily_" + word, Value: "yes"}, {Name: "daily_" + word + "_max_age", Value: "7"}},
			data:    apidesc.AnyObject(), errs: append([]string{errMaxAgeFmt}, state...)},
	}
}

// Describe documents the flavour's API: every function of the functions
// table at both stages, by GET (query) and POST (form).
func (p *Provider) Describe() apidesc.API {
	docs := p.describedFunctions()
	_, snap, _ := p.sample()
	common := []string{errMissingParamFmt, errInvalidUserID, errInvalidChecksum, errBadRequest, errInternal, errTooLongFmt, errEnumFmt, errIntRangeFmt}
	auth := []apidesc.Param{
		{Name: "user_id", Required: true, Description: "the account id"},
		{Name: "random", Required: true, Description: "a fresh random string"},
		{Name: "checksum", Required: true, Pattern: "^[0-9a-f]{40}$", Description: "sha1(sha1(sha1(user_id . api_key . random)))"},
		{Name: "format", Default: "json", Description: "xml answers XML; any other value JSON"},
	}
	real := apidesc.RealOrigin(Descriptor(), p.Name())
	var eps []apidesc.Endpoint
	for _, stage := range []string{stageSandbox, stageReal} {
		prefix := "/api/v1/"
		if stage == stageSandbox {
			prefix = "/api-sandbox/v1/"
		}
		for _, name := range describedOrder {
			fn := functions[name]
			if fn.nodeOnly && p.flavour != NodeCo {
				continue
			}
			d := docs[name]
			responses := p.describeAnswers(d, common)
			example := append([]apidesc.Pair{{Name: "user_id", Value: "{{" + p.Name() + "_user_id}}"}, {Name: "random", Value: "{{" + p.Name() + "_random}}"},
				{Name: "checksum", Value: "{{" + p.Name() + "_checksum}}"}}, d.example...)
			if name == "delete_snapshot" && p.flavour != NodeCo {
				example[len(example)-1].Value = snap
			}
			for _, verb := range []string{"POST", "GET"} {
				body := "form"
				id := stage + "_" + name
				if verb == "GET" {
					body, id = "", id+"_get"
				}
				ep := apidesc.Endpoint{
					ID: id, Method: verb, Path: prefix + name, Aliases: []string{prefix + name + "/"}, Tag: stage, Body: body,
					Summary:     d.summary + " (" + stage + ")",
					Description: "Answers HTTP 200 with code OK or the error code and a message. format=xml answers the same envelope as XML.",
					Params:      append(append([]apidesc.Param{}, auth...), d.params...), Responses: responses, Example: example,
					Test: "code", TestWant: codeOK, Capture: d.capture,
				}
				// Postman sends the POST form; the GET form is the same call.
				ep.SkipPostman = verb == "GET"
				eps = append(eps, ep)
			}
		}
	}
	eps = append(eps, describeLinks()...)
	title := "NODE cloud API (" + strings.TrimPrefix(real, "https://") + ")"
	return apidesc.API{
		Name: p.Name(), Title: title + " (mocksuite emulation)", Version: "v1",
		Description: "Cloud servers, snapshots and shares. Functions are called as /api/v1/<function> (real) or /api-sandbox/v1/<function> (sandbox, a separate copy of the state), by GET or POST.",
		RealOrigin:  real,
		// PHP: $_GET and $_POST both feed the call, the body winning.
		QueryAndBody: true,
		Security:     []apidesc.Credential{{Name: "checksum", In: "body", Description: "sha1(sha1(sha1(user_id . api_key . random)))"}},
		Signature: apidesc.Signature{
			Algorithm: "sha1(sha1(sha1(user_id . api_key . random)))",
			Inputs:    []string{"user_id", "api_key", "random"},
			Encoding:  "hex-lower (each round hashes the previous round's hex text)",
			Placement: "field checksum (query or form)",
			Recipe: "1. random: any fresh string.\n2. checksum = sha1(sha1(sha1(user_id . api_key . random))), each round over the previous round's lower-case hex.\n" +
				"3. Send user_id, random and checksum with the function's parameters.",
		},
		Variables: []apidesc.Pair{
			{Name: p.Name() + "_user_id", Value: mocksign.Node.UserID},
			{Name: p.Name() + "_api_key", Value: mocksign.Node.APIKey},
			{Name: p.Name() + "_random", Value: "a1b2c3d4"},
			{Name: p.Name() + "_checksum", Value: "0000000000000000000000000000000000000000"},
			{Name: p.Name() + "_snapshot_id", Value: snap},
		},
		Prerequest: strings.ReplaceAll(nodeScript, "FLAVOUR", p.Name()),
		Sign: func(_ apidesc.Endpoint, vars map[string]string, _ func() apidesc.Sample, now time.Time) error {
			random := strconv.FormatInt(now.UnixNano(), 36)
			vars[p.Name()+"_random"] = random
			vars[p.Name()+"_checksum"] = verify.SignNodeco(vars[p.Name()+"_user_id"], vars[p.Name()+"_api_key"], random)
			return nil
		},
		Unrouted: []apidesc.Response{
			p.envelope(404, nil, []string{errUnknownFunction}), p.envelope(405, nil, []string{errMethod}),
			p.envelope(200, nil, []string{errUnknownFunction, errMethod, errBadRequest, errBodyTooLarge, errInternal}),
			xmlAnswer(200), xmlAnswer(404), xmlAnswer(405),
		},
		Endpoints: eps,
	}
}

// describeAnswers is a function's success answer and its refusals, each as
// JSON and as XML.
func (p *Provider) describeAnswers(d fnDoc, common []string) []apidesc.Response {
	errs := append(append([]string{}, d.errs...), common...)
	ok := p.envelope(200, d.data, d.ok)
	if _, fixed := d.data["required"]; !fixed {
		ok.Example = map[string]any{"code": codeOK, "message": strings.ReplaceAll(d.ok[0], "%s", "friend@example.net"), "data": map[string]any{}}
	}
	refused := p.envelope(200, nil, errs)
	refused.Errors = errs
	// A body over the limit is refused by the common middleware.
	return []apidesc.Response{ok, refused, xmlAnswer(200), p.envelope(200, nil, []string{errBodyTooLarge})}
}

// xmlAnswer is the envelope as XML (format=xml).
func xmlAnswer(status int) apidesc.Response {
	return apidesc.Response{Status: status, ContentType: "text/xml", Description: "the same envelope as XML (format=xml)",
		Schema: apidesc.Schema{"type": "string", "pattern": `^<\?xml version="1\.0" encoding="utf-8"\?>\n<code>[\s\S]*</data>\n$`}}
}

// envelope is {"code", "message", "data"}: code OK with data on success, the
// configured error code with empty data on refusal.
func (p *Provider) envelope(status int, data apidesc.Schema, texts []string) apidesc.Response {
	if data == nil {
		r := apidesc.Response{Status: status, ContentType: "application/json", Description: "refused",
			Schema:  apidesc.Obj("code", apidesc.Const(p.errorCode()), "message", apidesc.Texts(texts...), "data", apidesc.Schema{"type": "object", "maxProperties": 0}),
			Example: map[string]any{"code": p.errorCode(), "message": strings.ReplaceAll(texts[0], "%s", "server_id"), "data": map[string]any{}}}
		if strings.Contains(texts[0], "%d") {
			r.Example = nil
		}
		return r
	}
	return apidesc.Response{Status: status, ContentType: "application/json", Description: "done",
		Schema: apidesc.Obj("code", apidesc.Const(codeOK), "message", apidesc.Texts(texts...), "data", data)}
}

// describeLinks documents the console and snapshot-download links that
// get_server_virtual_monitor_url and get_snapshot_detail hand out.
func describeLinks() []apidesc.Endpoint {
	html := func(status int, desc string) apidesc.Response {
		return apidesc.Response{Status: status, ContentType: "text/html", Description: desc, Schema: apidesc.Str()}
	}
	text := func(status int) apidesc.Response {
		return apidesc.Response{Status: status, ContentType: "text/plain", Description: http.StatusText(status), Schema: apidesc.Str()}
	}
	console := func(id, path, summary string) apidesc.Endpoint {
		return apidesc.Endpoint{
			ID: id, Method: http.MethodGet, Path: path, Tag: "links", Summary: summary, SkipPostman: true,
			Description: "Opened from the URL get_server_virtual_monitor_url answers; valid for the configured time.",
			Params:      []apidesc.Param{{Name: "server_id", In: "path"}, {Name: "token", In: "path"}},
			Responses:   []apidesc.Response{html(200, "the console page"), html(404, "This virtual monitor link is not valid."), html(410, "This virtual monitor link has expired."), html(500, "Internal server error.")},
		}
	}
	return []apidesc.Endpoint{
		console("virtualMonitor", "/virtualmonitor/{server_id}/{token}", "Virtual monitor (console) page"),
		console("virtualMonitorAlt", "/virtualmonitor-alt/{server_id}/{token}", "Virtual monitor page, alternative viewer"),
		{
			ID: "snapshotDownload", Method: http.MethodGet, Path: "/snapshot-download/{stage}/{snapshot_id}/{name}", Tag: "links", SkipPostman: true,
			Summary:     "Download a snapshot from the signed link of get_snapshot_detail",
			Description: "The link is bound to the client_ip_address it was made for and expires.",
			Params: []apidesc.Param{{Name: "stage", In: "path", Enum: []string{stageSandbox, stageReal}}, {Name: "snapshot_id", In: "path"}, {Name: "name", In: "path"},
				{Name: "md5", Required: true, Description: "the link's signature"}, {Name: "expired", Type: "integer", Required: true, Description: "Unix expiry"}},
			Responses: []apidesc.Response{
				{Status: 200, ContentType: "application/octet-stream", Description: "the snapshot file", Schema: apidesc.Schema{"type": "string", "format": "binary"}},
				text(403), text(404), text(410), text(500),
			},
		},
	}
}

// nodeScript signs each request of a NODE folder (FLAVOUR is the folder's name).
const nodeScript = `
// NODE: checksum = sha1(sha1(sha1(user_id . api_key . random))), each round over hex text.
var random = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
var round = pm.variables.get('FLAVOUR_user_id') + pm.variables.get('FLAVOUR_api_key') + random;
for (var i = 0; i < 3; i++) { round = CryptoJS.SHA1(round).toString(CryptoJS.enc.Hex); }
pm.variables.set('FLAVOUR_random', random);
pm.variables.set('FLAVOUR_checksum', round);
`
