package hostdime

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/verify"
	"github.com/mocksuite/mocksuite/mocksign"
)

// methodDoc is what the description adds to an entry of the method table.
type methodDoc struct {
	summary string
	params  []apidesc.Param
	example []apidesc.Pair
	answer  apidesc.Schema
	errors  []errKind // refusals of the method itself
}

// describedOrder is the method table in the order a client meets it (the
// Postman run suspends before it unsuspends, and powers an active service).
var describedOrder = []string{
	"utility.echo", "server.list", "server.get", "server.bandwidth", "server.suspend", "server.unsuspend",
	"server.power.cycle", "server.power.on", "server.power.off", "server.rdns.list", "server.rdns.update",
	"vps.get", "vps.start", "vps.stop", "vps.stopf", "vps.restart", "vps.suspend", "vps.unsuspend", "vps.graphs",
	"vps.rdns.list", "vps.rdns.update", "domain.list", "ticket.create",
}

// describedFormats are the answer formats of the URL extension.
var describedFormats = []string{fmtJSON, fmtXML, fmtYAML}

func describedMethods() map[string]methodDoc {
	str := apidesc.Str()
	dns := apidesc.Array(apidesc.Obj("dns", str, "ip", str))
	server := apidesc.Obj("cuid", str, "label", str, "name", str, "status", str, "power", str, "type", str, "ip_main", str, "dns", dns,
		"cpu", str, "memory", str, "ssh_port", str, "hard_drives", apidesc.Array(apidesc.Obj("size", str, "type", str)), "control_panel", str,
		"ip_ipmi", str, "ipmi_password", str)
	vps := apidesc.Obj("cuid", str, "name", str, "status", str, "power", str, "memory", str, "os", str, "control_panel", str, "ip_main", str,
		"dns", dns, "ssh_port", str, "disk_usage", str, "disk_quota", str)
	rdns := apidesc.Array(apidesc.Obj("ip", str, "ptr", str))
	graph := apidesc.Obj("data", apidesc.Schema{"type": "string", "format": "byte", "description": "a PNG image, base64"})
	done := apidesc.Schema{"type": "boolean", "enum": []any{true}, "description": "the action was applied (or, with testing=1, would be)"}
	cuid := func(ex string) ([]apidesc.Param, []apidesc.Pair) {
		return []apidesc.Param{{Name: "cuid", Required: true, Description: "the service id"}}, []apidesc.Pair{{Name: "cuid", Value: ex}}
	}
	srvP, srvEx := cuid("S37")
	vpsP, vpsEx := cuid("V101")
	act := func(summary string, p []apidesc.Param, ex []apidesc.Pair, errs ...errKind) methodDoc {
		return methodDoc{summary: summary, params: p, example: ex, answer: done, errors: append([]errKind{errMissingParam, errNotFound}, errs...)}
	}
	rdnsUpd := func(_ []apidesc.Param, ex []apidesc.Pair, ip string) methodDoc {
		return methodDoc{summary: "Set the PTR record of one of the service's IPs",
			params:  append([]apidesc.Param{{Name: "cuid", Description: "the service id"}}, apidesc.Param{Name: "ip", Required: true, Description: "an IP of the service"}, apidesc.Param{Name: "ptr", Required: true, MaxLength: 253, Description: "host name"}),
			example: append(ex, apidesc.Pair{Name: "ip", Value: ip}, apidesc.Pair{Name: "ptr", Value: "web01.example.com"}),
			answer:  done, errors: []errKind{errMissingParam, errInvalidParam, errNotFound, errIPNotFound}}
	}
	return map[string]methodDoc{
		"utility.echo": {summary: "Echo the posted parameters (no authentication needed)", params: []apidesc.Param{{Name: "message", Description: "any field is echoed"}},
			example: []apidesc.Pair{{Name: "message", Value: "hello"}}, answer: apidesc.Map(str)},
		"server.list":        {summary: "List dedicated servers", answer: apidesc.Array(server)},
		"server.get":         {summary: "Read one dedicated server", params: srvP, example: srvEx, answer: server, errors: []errKind{errMissingParam, errNotFound}},
		"server.bandwidth":   {summary: "Bandwidth graph of a server", params: append(append([]apidesc.Param{}, srvP...), apidesc.Param{Name: "graph_type", Enum: []string{"port"}, Default: "port"}, apidesc.Param{Name: "time_period", Enum: []string{"day", "week", "month", "year"}, Default: "day"}), example: srvEx, answer: graph, errors: []errKind{errMissingParam, errInvalidParam, errNotFound}},
		"server.suspend":     act("Suspend a server", srvP, srvEx),
		"server.unsuspend":   act("Unsuspend a server you suspended", srvP, srvEx, errHeldByHostDime),
		"server.power.cycle": act("Power-cycle a server", srvP, srvEx, errSuspended),
		"server.power.on":    act("Power a server on", srvP, srvEx, errSuspended),
		"server.power.off":   act("Power a server off", srvP, srvEx, errSuspended),
		"server.rdns.list":   {summary: "PTR records of a server's IPs", params: srvP, example: srvEx, answer: rdns, errors: []errKind{errMissingParam, errNotFound}},
		"server.rdns.update": rdnsUpd(srvP, srvEx, "198.51.100.37"),
		"vps.get":            {summary: "Read one VPS", params: vpsP, example: vpsEx, answer: vps, errors: []errKind{errMissingParam, errNotFound}},
		"vps.start":          act("Start a VPS", vpsP, vpsEx, errSuspended),
		"vps.stop":           act("Stop a VPS", vpsP, vpsEx, errSuspended),
		"vps.stopf":          act("Force-stop a VPS", vpsP, vpsEx, errSuspended),
		"vps.restart":        act("Restart a VPS", vpsP, vpsEx, errSuspended),
		"vps.suspend":        act("Suspend a VPS", vpsP, vpsEx),
		"vps.unsuspend":      act("Unsuspend a VPS you suspended", vpsP, vpsEx, errHeldByHostDime),
		"vps.graphs": {summary: "Bandwidth graph of a VPS", params: append(append([]apidesc.Param{}, vpsP...), apidesc.Param{Name: "type", Enum: []string{"bandwidth"}, Default: "bandwidth"},
			apidesc.Param{Name: "date_range", Description: `JSON array of two YYYY-MM-DD dates, e.g. ["2024-01-01","2024-01-02"] (or date_range[0] and date_range[1]); default the last seven days`}),
			example: vpsEx, answer: graph, errors: []errKind{errMissingParam, errInvalidParam, errNotFound}},
		"vps.rdns.list":   {summary: "PTR records of a VPS's IPs", params: vpsP, example: vpsEx, answer: rdns, errors: []errKind{errMissingParam, errNotFound}},
		"vps.rdns.update": rdnsUpd(vpsP, vpsEx, "203.0.113.101"),
		"domain.list": {summary: "List domains", params: []apidesc.Param{{Name: "status", Enum: []string{domainRegistered, domainExpired}}, {Name: "order", Enum: []string{"asc", "desc"}, Default: "asc"}},
			answer: apidesc.Array(apidesc.Obj("domain", str, "status", str, "created", str, "expires", str)), errors: []errKind{errInvalidParam}},
		"ticket.create": {summary: "Open a support ticket",
			params: []apidesc.Param{
				{Name: "subject", Required: true, MaxLength: maxSubject}, {Name: "body", MaxLength: maxTicket, Description: "required (or message)"}, {Name: "message", MaxLength: maxTicket},
				{Name: "department", MaxLength: maxShortText, Default: "support"}, {Name: "priority", MaxLength: maxShortText, Default: "normal"}, {Name: "cuid", Description: "a service the ticket is about"},
			},
			example: []apidesc.Pair{{Name: "subject", Value: "Disk alert"}, {Name: "body", Value: "Please check the RAID array."}},
			answer:  apidesc.Obj("id", apidesc.Int()), errors: []errKind{errMissingParam, errInvalidParam, errNotFound}},
	}
}

// Describe documents API v1 from the method table and the message table:
// every method with each answer format of the URL extension.
func (p *Provider) Describe() apidesc.API {
	docs := describedMethods()
	httpErrors := p.cfg.HTTPErrors
	common := []errKind{errCallback, errMissingAuth, errBadKey, errTimestamp, errDuplicate, errBadHash, errTooLarge, errInternal}
	var eps []apidesc.Endpoint
	for _, format := range describedFormats {
		for _, name := range describedOrder {
			d := docs[name]
			spec := p.methods[name]
			kinds := append(append([]errKind{}, d.errors...), common...)
			if spec.public {
				kinds = append(append([]errKind{}, d.errors...), errCallback, errBadKey, errTimestamp, errDuplicate, errBadHash, errTooLarge, errInternal)
			}
			ep := apidesc.Endpoint{
				ID: strings.ReplaceAll(name, ".", "_") + "_" + format, Method: http.MethodPost, Tag: strings.SplitN(name, ".", 2)[0],
				Path: "/v1/" + strings.ReplaceAll(name, ".", "/") + "." + format,
				// The version segment is optional.
				Aliases:        []string{"/" + strings.ReplaceAll(name, ".", "/") + "." + format},
				AnyContentType: true,
				Summary:        d.summary + " (" + format + ")", Body: "form",
				Description: "Any field but api_*, testing and callback is covered by api_hash. testing=1 runs the sandbox: everything is checked, nothing changes." +
					" The method is the path without /v1/ and the extension, dots for slashes.",
				Params:    append(append([]apidesc.Param{}, d.params...), authParams(spec.public)...),
				Responses: p.describeAnswers(format, d.answer, kinds, httpErrors),
				Example: append(append([]apidesc.Pair{}, d.example...),
					apidesc.Pair{Name: "api_key", Value: "{{hostdime_api_key}}"}, apidesc.Pair{Name: "api_timestamp", Value: "{{hostdime_timestamp}}"},
					apidesc.Pair{Name: "api_unique", Value: "{{hostdime_unique}}"}, apidesc.Pair{Name: "api_hash", Value: "{{hostdime_hash}}"}),
			}
			switch format {
			case fmtJSON:
				ep.Test = "response"
			case fmtXML:
				ep.TestText = "<error/>"
			default:
				ep.TestText = "error: null"
			}
			eps = append(eps, ep)
		}
	}
	unrouted := []apidesc.Response{}
	for _, format := range describedFormats {
		unrouted = append(unrouted, p.describeErrors(format, []errKind{errNotPOST, errUnknownMethod, errFormat, errTooLarge, errInternal}, httpErrors)...)
	}
	return apidesc.API{
		Name: p.Name(), Title: "HostDime API v1 (mocksuite emulation)", Version: "v1",
		Description: "Dedicated servers, VPSes, domains and tickets. Every call is a form POST to /v1/<module>/<method>.<format>, format json, xml or yml. " +
			"Errors answer HTTP 200 with the error object (unless the mock runs with hostdime.http_errors).",
		RealOrigin: apidesc.RealOrigin(Descriptor(), p.Name()),
		Security: []apidesc.Credential{
			{Name: "api_key", In: "body", Description: "the public key"},
			{Name: "api_hash", In: "body", Description: "SHA-256 over the ordered-JSON signing string"},
		},
		Signature: apidesc.Signature{
			Algorithm: `sha256(api_timestamp . ":" . api_unique . ":" . private_key . ":" . method . ":" . json_encode(json_encode(PARAMS)))`,
			Inputs:    []string{"api_timestamp (Unix seconds)", "api_unique (a fresh UUID, once per key)", "private key", "method (dotted)", "PARAMS: every other field in body order, as a JSON object of strings"},
			Encoding:  "hex-lower",
			Placement: "form field api_hash",
			Recipe: "1. PARAMS is every posted field except api_*, testing (and callback) in body order; a repeated name keeps its first place and last value.\n" +
				"2. Encode PARAMS as a JSON object of strings the way PHP's json_encode does (\"/\" as \\/, non-ASCII as \\uXXXX), then encode that text again as a JSON string.\n" +
				"3. api_hash = sha256(api_timestamp + \":\" + api_unique + \":\" + private_key + \":\" + method + \":\" + the doubly-encoded PARAMS), lower-case hex.\n" +
				"4. Post the fields plus api_key, api_timestamp, api_unique and api_hash. api_timestamp must be within the window of the server clock, api_unique unused.",
			Notes: "The sample account is the docs' foobar/fazbaz pair.",
		},
		Variables: []apidesc.Pair{
			{Name: "hostdime_api_key", Value: mocksign.Hostdime.Public},
			{Name: "hostdime_private_key", Value: mocksign.Hostdime.Private},
			{Name: "hostdime_timestamp", Value: "1767225600"},
			{Name: "hostdime_unique", Value: "6f1c2b4e-0d3a-4c7b-9e8f-1a2b3c4d5e6f"},
			{Name: "hostdime_hash", Value: "0000000000000000000000000000000000000000000000000000000000000000"},
		},
		Prerequest: hostdimeScript,
		Sign:       signSample,
		Unrouted:   unrouted,
		Endpoints:  eps,
	}
}

func authParams(public bool) []apidesc.Param {
	req := !public
	return []apidesc.Param{
		{Name: "api_key", Required: req, Description: "public key"},
		{Name: "api_timestamp", Required: req, Pattern: "^[0-9]+$", Description: "Unix seconds"},
		{Name: "api_unique", Required: req, Description: "unique per request (a UUID)"},
		{Name: "api_hash", Required: req, Description: "see x-mocksuite-signature"},
		{Name: "testing", Enum: []string{"0", "1", "true", "false"}, Description: "1: sandbox, nothing changes"},
		{Name: "callback", Pattern: `^[A-Za-z_$][0-9A-Za-z_$.]*$`, MaxLength: 128, Description: "JSONP callback (json only)"},
	}
}

// describeAnswers is the success answer of a method in one format plus its errors.
func (p *Provider) describeAnswers(format string, answer apidesc.Schema, kinds []errKind, httpErrors bool) []apidesc.Response {
	ok := apidesc.Response{Status: http.StatusOK, Description: "done"}
	envelope := apidesc.Obj("error", nullOnly(), "response", answer)
	switch format {
	case fmtJSON:
		ok.ContentType, ok.Schema = "application/json", envelope
		out := []apidesc.Response{ok}
		out = append(out, p.describeErrors(format, kinds, httpErrors)...)
		return append(out, apidesc.Response{Status: http.StatusOK, ContentType: "application/javascript", Description: "JSONP (callback given)",
			Schema: apidesc.Schema{"type": "string", "pattern": `^[A-Za-z_$][0-9A-Za-z_$.]*\([\s\S]*\);$`}})
	case fmtYAML:
		ok.ContentType, ok.Schema = "text/yaml", envelope
	default:
		ok.ContentType, ok.Schema = "application/xml", xmlText()
	}
	return append([]apidesc.Response{ok}, p.describeErrors(format, kinds, httpErrors)...)
}

// xmlText is the XML answer: the envelope as <xml><error/><response>…</response></xml>.
func xmlText() apidesc.Schema {
	return apidesc.Schema{"type": "string", "pattern": `^<\?xml version="1\.0" encoding="utf-8"\?>\n<xml>[\s\S]*</xml>$`,
		"description": "<xml><error/> or <error><code/><message/></error>, then <response> holding the same fields as the JSON answer (list items as <item>)"}
}

// nullOnly is a schema only null matches (OpenAPI 3.0 needs a type beside nullable).
func nullOnly() apidesc.Schema {
	return apidesc.Schema{"type": "object", "nullable": true, "enum": []any{nil}}
}

// describeErrors groups error kinds by the status they answer with.
func (p *Provider) describeErrors(format string, kinds []errKind, httpErrors bool) []apidesc.Response {
	var entries []apidesc.StatusText
	for _, k := range kinds {
		m := messages[k]
		st := http.StatusOK
		if httpErrors || k == errTooLarge {
			// A body over the limit is refused by the common middleware at its own status.
			st = m.code
		}
		entries = append(entries, apidesc.StatusText{Status: st, Text: m.text})
		if k == errInternal && st != m.code {
			// A failure outside a method (a panic) answers with the real status.
			entries = append(entries, apidesc.StatusText{Status: m.code, Text: m.text})
		}
	}
	ctype := map[string]string{fmtJSON: "application/json", fmtXML: "application/xml", fmtYAML: "text/yaml"}[format]
	return apidesc.ByStatus(entries, func(status int, texts []string) apidesc.Response {
		var codes []any
		seen := map[int]bool{}
		for _, k := range kinds {
			for _, t := range texts {
				if messages[k].text == t && !seen[messages[k].code] {
					seen[messages[k].code] = true
					codes = append(codes, messages[k].code)
				}
			}
		}
		r := apidesc.Response{ContentType: ctype, Description: "refused: " + strconv.Itoa(len(texts)) + " documented messages"}
		if format == fmtXML {
			r.Schema = xmlText()
			return r
		}
		r.Schema = apidesc.Obj("error", apidesc.Obj("code", apidesc.Schema{"type": "integer", "enum": codes}, "message", apidesc.Texts(texts...)),
			"response", nullOnly())
		if format == fmtJSON {
			r.Example = map[string]any{"error": map[string]any{"code": codes[0], "message": strings.ReplaceAll(texts[0], "%s", "S37")}, "response": nil}
		}
		return r
	})
}

// signSample is hostdimeScript in Go.
func signSample(_ apidesc.Endpoint, vars map[string]string, draft func() apidesc.Sample, now time.Time) error {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return fmt.Errorf("hostdime: api_unique: %w", err)
	}
	u[6], u[8] = u[6]&0x0f|0x40, u[8]&0x3f|0x80
	h := hex.EncodeToString(u[:])
	unique := h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	ts := strconv.FormatInt(now.Unix(), 10)
	vars["hostdime_timestamp"], vars["hostdime_unique"] = ts, unique
	s := draft()
	rt := parsePath(strings.TrimPrefix(s.Path(), "/hostdime"))
	params := verify.HostdimeHashParams(parseForm(s.Body), true)
	vars["hostdime_hash"] = verify.SignHostdime(vars["hostdime_private_key"], rt.method, ts, unique, params)
	return nil
}

// hostdimeScript signs each request of the Postman folder.
const hostdimeScript = `
// HostDime: api_hash = sha256(ts:unique:private:method:json_encode(json_encode(PARAMS))).
function phpJSON(s) {
  var out = '"';
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i), ch = s.charAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/') out += '\\/';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + ('000' + c.toString(16)).slice(-4);
    else out += ch;
  }
  return out + '"';
}
var m = pm.request.url.getPath().match(/\/v1\/(.+)\.(json|xml|yml)$/);
var method = m ? m[1].replace(/\//g, '.') : '';
var ts = String(Math.floor(Date.now() / 1000));
var unique = 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
  var r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
});
pm.variables.set('hostdime_timestamp', ts);
pm.variables.set('hostdime_unique', unique);
var raw = pm.variables.replaceIn(pm.request.body ? pm.request.body.raw || '' : '');
var names = [], values = {};
raw.split('&').forEach(function (part) {
  if (!part) return;
  var kv = part.split('=');
  var k = decodeURIComponent(kv[0].replace(/\+/g, ' '));
  var v = decodeURIComponent((kv.slice(1).join('=')).replace(/\+/g, ' '));
  if (k.indexOf('api_') === 0 || k === 'testing' || k === 'callback') return;
  if (!(k in values)) names.push(k);
  values[k] = v;
});
var params = '{' + names.map(function (k) { return phpJSON(k) + ':' + phpJSON(values[k]); }).join(',') + '}';
var signing = ts + ':' + unique + ':' + pm.variables.get('hostdime_private_key') + ':' + method + ':' + phpJSON(params);
pm.variables.set('hostdime_hash', CryptoJS.SHA256(signing).toString(CryptoJS.enc.Hex));
`
