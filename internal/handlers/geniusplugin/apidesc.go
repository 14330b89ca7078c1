package geniusplugin

import (
	"crypto/rand"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/verify"
	"github.com/mocksuite/mocksuite/mocksign"
)

// describedErrors are the refusals each endpoint can give besides the common
// ones (missing fields, IP, timestamp, hash, replay) and its own failure text.
var describedErrors = map[string][]msgID{
	"connection":    nil,
	"getcredit":     nil,
	"list":          {msgNotFoundCap},
	"autoregister":  {msgMissingPassword, msgInvalidPackage, msgInvalidDomain, msgInvalidEmail, msgInvalidPassword, msgPackageExists, msgInsufficientCredit},
	"suspended":     {msgNotFoundCap},
	"active":        {msgNotFound},
	"delete":        {msgNotFound},
	"packageupdate": {msgInvalidStatus, msgInvalidPackage, msgNotFound, msgUpdateSuspended, msgDowngrade, msgInsufficientCredit},
	"passwordreset": {msgMissingPassword, msgInvalidPassword, msgNoActivePackage},
	"renew":         {msgNotFound, msgInsufficientCredit},
}

// describedOrder is the order a client meets the endpoints in: the Postman
// run registers a package, works on it and finally deletes it.
var describedOrder = []string{"connection", "getcredit", "list", "autoregister", "suspended", "active", "packageupdate", "passwordreset", "renew", "delete"}

// Describe documents the reseller API from the endpoint table and the message table.
func (p *Provider) Describe() apidesc.API {
	pkgs := p.cat.names()
	statusOnly := func(s apidesc.Schema) apidesc.Schema {
		o := apidesc.Obj("status", s)
		o["additionalProperties"] = false
		return o
	}
	success := map[string]apidesc.Response{
		"getcredit": {Description: "the credit, two decimals", Schema: statusOnly(apidesc.Schema{"type": "string", "pattern": `^OK - -?[0-9]+\.[0-9]{2}$`}), Example: map[string]string{"status": text(msgCredit, "1500.26")}},
		"list": {Description: "the package's status", Schema: apidesc.Obj("status", apidesc.Const("active", "suspended", "cancelled"), "exist", apidesc.Const("exists")),
			Example: map[string]string{"status": "active", "exist": "exists"}},
		"autoregister": {Description: "registered; the license token", Schema: apidesc.Obj("status", apidesc.Const(text(msgOK)), "token", apidesc.Schema{"type": "string", "pattern": "^[0-9a-f]{40}$"}),
			Example: map[string]string{"status": text(msgOK), "token": "5f2b8c1e9a7d4036b1e8c2f4a9d07e3b6c1a8f52"}},
	}
	var eps []apidesc.Endpoint
	for _, name := range describedOrder {
		spec := endpoints[name]
		ok, found := success[name]
		if !found {
			ok = apidesc.Response{Description: "done", Schema: statusOnly(apidesc.Const(text(msgOK))), Example: map[string]string{"status": text(msgOK)}}
		}
		ok.Status = 200
		ids := append([]msgID{msgMissingData, msgMissingField, msgIPNotAuthorized, msgInvalidTimestamp, msgInvalidHash, msgReplay}, describedErrors[name]...)
		failID, _ := internalFailure(name, "")
		ids = append(ids, failID)
		texts := make([]string, 0, len(ids))
		for _, id := range ids {
			texts = append(texts, messages[id].text)
		}
		refused := apidesc.Response{Status: 200, Description: "refused (the API answers 200 with the message as status)", Schema: statusOnly(apidesc.Texts(texts...)),
			Example: map[string]string{"status": text(msgInvalidHash)}, Errors: texts}
		params := []apidesc.Param{
			{Name: "domain", Required: true, MaxLength: 253, Description: "the client's domain, exactly as hashed"},
			{Name: "hash", Required: true, Description: "sha1(sha1(trim(api_key)) . domain . timestamp) as lower-case hex"},
			{Name: "timestamp", Required: true, Pattern: "^[0-9]{1,10}$", Description: "str_shuffle(time()): 10 digits, fewer when leading zeros were lost sending it as an integer; hashed as sent"},
		}
		example := []apidesc.Pair{{Name: "domain", Value: "{{gp_domain}}"}, {Name: "hash", Value: "{{gp_hash}}"}, {Name: "timestamp", Value: "{{gp_timestamp}}"}}
		if name == "list" || name == "getcredit" || name == "connection" {
			example[0].Value = "example.org"
		}
		for _, f := range spec.fields {
			prm := apidesc.Param{Name: f, Required: true}
			switch f {
			case "package":
				prm.Enum, prm.Description = pkgs, "package name"
				example = append(example, apidesc.Pair{Name: f, Value: pkgFor(name)})
			case "password":
				prm.Description = "the end user's password in the gpfPassEncrypt envelope: base64(IV . HMAC-SHA256(key, ct) . AES-128-CBC(key, password)), at least 8 characters before encryption"
				example = append(example, apidesc.Pair{Name: f, Value: "{{gp_password}}"})
			case "uemail":
				prm.Format, prm.Description = "email", "the end user's e-mail"
				example = append(example, apidesc.Pair{Name: f, Value: "owner@example.net"})
			case "status":
				prm.Enum, prm.Description = []string{"active", "suspended", "cancelled"}, "new package status"
				example = append(example, apidesc.Pair{Name: f, Value: "active"})
			}
			params = append(params, prm)
		}
		e := apidesc.Endpoint{
			ID: name, Method: "POST", Path: "/api/v1/" + name + "/", Multipart: true, AnyContentType: true, Tag: tagOf(name), Body: "form",
			Summary: summaries[name], Params: params, Responses: []apidesc.Response{ok, refused}, Example: example,
			Test: "status", TestWant: okWant(name),
		}
		if name == "autoregister" {
			e.Test, e.TestWant = "token", ""
		}
		eps = append(eps, e)
	}
	eps = append(eps, p.describeAutologin()...)
	unroutedTexts := []string{messages[msgMethod].text, messages[msgEndpoint].text}
	return apidesc.API{
		Name: p.Name(), Title: "GeniusPlugin reseller API (mocksuite emulation)", Version: "v1",
		Description: "Reseller endpoints: packages per domain, paid from a prepaid credit. The caller is found by its source IP among the resellers' authorised IPs, then by the key that verifies the hash. Every answer is HTTP 200 with a JSON object whose status is the result or the refusal.",
		RealOrigin:  apidesc.RealOrigin(Descriptor(), p.Name()),
		Security:    []apidesc.Credential{{Name: "hash", In: "body", Description: "sha1(sha1(trim(api_key)) . domain . timestamp), lower-case hex"}},
		Signature: apidesc.Signature{
			Algorithm: "sha1(sha1(trim(api_key)) . domain . timestamp)",
			Inputs:    []string{"api_key (trimmed as PHP trim)", "domain (as sent)", "timestamp (the 1 to 10 digits sent)"},
			Encoding:  "hex-lower (both rounds: the inner digest is concatenated as hex text)",
			Placement: "form field hash",
			Recipe: "1. timestamp: str_shuffle(time()), 10 digits (1 to 10 accepted: a leading 0 is lost when it is sent as an integer; the hash is over the value as sent).\n" +
				"2. hash = sha1( sha1(trim(api_key)) . domain . timestamp ), both digests as lower-case hex text.\n" +
				"3. POST domain, hash, timestamp (and the endpoint's fields) form-encoded to /api/v1/<endpoint>/ (with the ending slash: without it the answer is 301 Moved Permanently to the slash path).\n" +
				"4. Passwords travel in the gpfPassEncrypt envelope: IV = 16 random bytes; ct = AES-128-CBC(PKCS#7) of the password with the key string truncated or NUL-padded to 16 bytes (PHP openssl_encrypt); mac = HMAC-SHA256(key string, ct); field = base64(IV . mac . ct). The key string is the trimmed API key (the mock also accepts sha1 hex of it).",
			Notes: "The source IP must be one of the reseller's authorised IPs.",
		},
		Variables: []apidesc.Pair{
			{Name: "gp_api_key", Value: mocksign.Geniusplugin.APIKey},
			{Name: "gp_domain", Value: "shop.example.net"},
			{Name: "gp_new_password", Value: "Postman-pass-1"},
			{Name: "gp_timestamp", Value: "1767225600"},
			{Name: "gp_hash", Value: "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"},
			{Name: "gp_password", Value: "AAAAAAAAAAAAAAAAAAAAAA=="},
		},
		Prerequest: gpScript,
		Sign:       signSample,
		Unrouted: []apidesc.Response{{Status: 200, Description: "wrong method or unknown endpoint", Errors: unroutedTexts,
			Schema: statusOnly(apidesc.Texts(unroutedTexts...)), Example: map[string]string{"status": messages[msgEndpoint].text}},
			{Status: 404, ContentType: "text/html", Description: "unknown auto-login dashboard", Schema: apidesc.Str()}},
		Endpoints: eps,
	}
}

// describeAutologin documents the signed browser links and the page they lead to.
func (p *Provider) describeAutologin() []apidesc.Endpoint {
	var dashes []string
	for d := range dashboards {
		dashes = append(dashes, d)
	}
	sort.Strings(dashes)
	html := func(status int, desc string) apidesc.Response {
		return apidesc.Response{Status: status, ContentType: "text/html", Description: desc, Schema: apidesc.Str()}
	}
	var out []apidesc.Endpoint
	for _, d := range dashes {
		out = append(out, apidesc.Endpoint{
			ID: "autologin" + strings.ToUpper(d[:1]) + d[1:], Method: "GET", Path: "/autologin/" + d, Aliases: []string{"/autologin/" + d + "/"}, Tag: "autologin",
			Summary:     "Auto-login link into the " + dashboards[d],
			Description: "Signed like an API call but checked against every reseller's key (a browser follows it from the end user's address).",
			Params: []apidesc.Param{
				{Name: "domain", Required: true}, {Name: "hash", Required: true}, {Name: "timestamp", Required: true, Pattern: "^[0-9]{10}$"},
			},
			Responses: []apidesc.Response{
				{Status: 302, ContentType: "text/html", Description: "to the dashboard page", Schema: apidesc.Str()},
				html(400, text(msgMissingData)), html(403, text(msgInvalidHash)+" / "+text(msgInvalidTimestamp)), html(404, text(msgNotFound)), html(500, text(msgError)),
			},
			Example: []apidesc.Pair{{Name: "domain", Value: "example.org"}, {Name: "hash", Value: "{{gp_hash}}"}, {Name: "timestamp", Value: "{{gp_timestamp}}"}},
		})
	}
	out = append(out, apidesc.Endpoint{
		ID: "dashboardPage", Method: "GET", Path: "/dashboard/{dashboard}", Tag: "autologin",
		Summary: "The dashboard page an auto-login link leads to",
		// Reached by following an auto-login redirect, whose Location carries its query.
		SkipPostman: true,
		Params:      []apidesc.Param{{Name: "dashboard", In: "path", Enum: dashes}},
		Responses: []apidesc.Response{
			html(200, "the dashboard"), html(404, "unknown dashboard, reseller or package"), html(500, text(msgError)),
		},
	})
	return out
}

var summaries = map[string]string{
	"connection":    "Check the connection and the credentials",
	"getcredit":     "Read the reseller's credit",
	"list":          "Read a domain's package status",
	"autoregister":  "Register a package for a domain, paid from credit",
	"suspended":     "Suspend a domain's package",
	"active":        "Unsuspend a domain's package",
	"delete":        "Delete a domain's package",
	"packageupdate": "Upgrade a package and set its status",
	"passwordreset": "Set the dashboard password of an active package",
	"renew":         "Renew a package for a month, paid from credit",
}

func tagOf(name string) string {
	switch name {
	case "connection", "getcredit":
		return "account"
	}
	return "packages"
}

func pkgFor(endpoint string) string {
	if endpoint == "packageupdate" {
		return "20k"
	}
	return "10k"
}

func okWant(name string) string {
	switch name {
	case "getcredit", "autoregister":
		return ""
	case "list":
		return "active"
	}
	return text(msgOK)
}

// signSample is gpScript in Go.
func signSample(_ apidesc.Endpoint, vars map[string]string, draft func() apidesc.Sample, now time.Time) error {
	// The sample domain is gp_domain as it stands (unlike the Postman run,
	// which registers a fresh one each time), so the samples after
	// autoregister work on the package it made.
	key := verify.PHPTrim(vars["gp_api_key"])
	ts := strconv.FormatInt(now.Unix(), 10)
	vars["gp_timestamp"] = ts
	vars["gp_hash"] = verify.SignGeniusplugin(key, draft().Field("domain"), ts)
	iv := make([]byte, 16)
	if _, err := rand.Read(iv); err != nil {
		return fmt.Errorf("geniusplugin: iv: %w", err)
	}
	sealed, err := verify.GPPassEncrypt(key, vars["gp_new_password"], iv)
	if err != nil {
		return err
	}
	vars["gp_password"] = url.QueryEscape(sealed)
	return nil
}

// gpScript signs each request of the Postman folder and seals passwords.
const gpScript = `
// GeniusPlugin: hash = sha1(sha1(trim(api_key)) . domain . timestamp), and
// passwords in the gpfPassEncrypt envelope (AES-128-CBC + HMAC-SHA256).
var key = String(pm.variables.get('gp_api_key')).replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
if (/\/autoregister\/?$/.test(pm.request.url.getPath())) {
  pm.collectionVariables.set('gp_domain', 'pm' + Date.now() + '.example.net');
}
var body = pm.request.method === 'GET'
  ? pm.variables.replaceIn(pm.request.url.getQueryString())
  : pm.variables.replaceIn(pm.request.body ? pm.request.body.raw || '' : '');
var m = body.match(/(?:^|&)domain=([^&]*)/);
var domain = m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : '';
var ts = String(Math.floor(Date.now() / 1000));
pm.variables.set('gp_timestamp', ts);
pm.variables.set('gp_hash', CryptoJS.SHA1(CryptoJS.SHA1(key).toString(CryptoJS.enc.Hex) + domain + ts).toString(CryptoJS.enc.Hex));
function gpPassEncrypt(keyString, plain) {
  var k16 = (keyString + '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0').substring(0, 16);
  var words = [];
  for (var i = 0; i < 4; i++) { words.push((Math.random() * 0x100000000) | 0); }
  var iv = CryptoJS.lib.WordArray.create(words, 16);
  var ct = CryptoJS.AES.encrypt(CryptoJS.enc.Utf8.parse(plain), CryptoJS.enc.Latin1.parse(k16),
    { iv: iv, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 }).ciphertext;
  var mac = CryptoJS.HmacSHA256(ct, CryptoJS.enc.Latin1.parse(keyString));
  return CryptoJS.enc.Base64.stringify(iv.clone().concat(mac).concat(ct));
}
pm.variables.set('gp_password', encodeURIComponent(gpPassEncrypt(key, String(pm.variables.get('gp_new_password')))));
`
