package zipay

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/verify"
	"github.com/mocksuite/mocksuite/mocksign"
)

// methodDoc is what the description adds to an entry of the methods table.
type methodDoc struct {
	summary string
	params  []apidesc.Param
	example []apidesc.Pair
	answer  apidesc.Schema // the value under result / items
	items   bool           // the answer is {"items": …} rather than {"result": …}
	errors  []msg          // refusals after authentication, besides 422 validation
	test    string
	capture []apidesc.Pair
}

// describedMethods documents each entry of the methods table, in the order
// the Postman run calls them.
func describedMethods() ([]string, map[string]methodDoc) {
	amount := apidesc.Param{Name: "amount", Required: true, Pattern: reAmount.String(), Description: "positive decimal"}
	var currencies []string
	for c := range coins {
		currencies = append(currencies, c)
	}
	sort.Strings(currencies)
	currency := func(name string, req bool) apidesc.Param {
		return apidesc.Param{Name: name, Required: req, Enum: currencies}
	}
	paging := []apidesc.Param{
		{Name: "limit", Type: "integer", Minimum: apidesc.Num(1), Maximum: apidesc.Num(100), Default: "10"},
		{Name: "page", Type: "integer", Minimum: apidesc.Num(1), Maximum: apidesc.Num(1000000), Default: "1"},
		{Name: "sort", Enum: []string{"asc", "desc"}, Default: "desc"},
	}
	coinSchema := apidesc.SchemaOf(coin{})
	withdrawal := apidesc.Obj("trackid", apidesc.Str(), "order_id", apidesc.Int(), "address", apidesc.Str(), "amount", apidesc.Str(), "fee", apidesc.Str(),
		"type", apidesc.Const("withdraw"), "txid", apidesc.Str(), "status", apidesc.Str(), "time", apidesc.Int(), "utc_date", apidesc.Str(),
		"coin", apidesc.Str(), "coin_name", apidesc.Str(), "network", apidesc.Str(), "network_name", apidesc.Str())
	order := []string{"random", "balance", "rate", "create-invoice", "invoice-status", "invoice-verify", "exchange", "exchange-list", "transfer", "transfer-list", "crypto-info", "crypto-withdraw"}
	docs := map[string]methodDoc{
		"random": {summary: "A random integer in [min, max]",
			params:  []apidesc.Param{{Name: "min", Type: "integer", Required: true}, {Name: "max", Type: "integer", Required: true, Description: "greater than min"}},
			example: []apidesc.Pair{{Name: "min", Value: "1"}, {Name: "max", Value: "100"}}, test: "result"},
		"balance": {summary: "The wallets' balances", items: true,
			params: []apidesc.Param{currency("currency", false)},
			answer: apidesc.Array(apidesc.Obj("coin", coinSchema, "amount", apidesc.Str())), test: "items.0.amount"},
		"rate": {summary: "Exchange rates", items: true,
			answer: apidesc.Array(apidesc.Obj("market", apidesc.Str(), "buy", apidesc.Str(), "sell", apidesc.Str(), "time", apidesc.Int())), test: "items.0.market"},
		"create-invoice": {summary: "Create an invoice and get its payment page",
			params: []apidesc.Param{
				{Name: "terminal_number", Type: "integer", Required: true, Minimum: apidesc.Num(1)}, amount, currency("currency", true),
				{Name: "invoice_number", Required: true, MaxLength: 200}, {Name: "national_id", Pattern: reNationalID.String()},
				{Name: "callback", Required: true, Format: "uri", MaxLength: 2000}, {Name: "webhook", Format: "uri", MaxLength: 2000},
			},
			example: []apidesc.Pair{{Name: "terminal_number", Value: "1001"}, {Name: "amount", Value: "10"}, {Name: "currency", Value: "USD"},
				{Name: "invoice_number", Value: "{{zipay_order_id}}"}, {Name: "callback", Value: "{{zipay_callback}}"}},
			answer: apidesc.Obj("trackid", apidesc.Str(), "redirect", apidesc.Str(), "message", apidesc.Nullable(apidesc.Str())),
			errors: []msg{msgNotFoundParam, msgDuplicate}, test: "result.trackid",
			capture: []apidesc.Pair{{Name: "zipay_trackid", Value: "result.trackid"}}},
		"invoice-status": {summary: "An invoice's status",
			params: []apidesc.Param{{Name: "trackid", Required: true}}, example: []apidesc.Pair{{Name: "trackid", Value: "{{zipay_trackid}}"}},
			answer: apidesc.SchemaOf(invoiceResult{}), errors: []msg{msgTrackNotFound}, test: "result.status"},
		"invoice-verify": {summary: "Confirm a paid invoice",
			params: []apidesc.Param{{Name: "trackid", Required: true}}, example: []apidesc.Pair{{Name: "trackid", Value: "{{zipay_trackid}}"}},
			answer: apidesc.SchemaOf(invoiceResult{}), errors: []msg{msgTrackNotFound, msgNotPaid, msgRejected}, test: "result.status"},
		"exchange": {summary: "Exchange between wallets at the market rate",
			params:  []apidesc.Param{amount, currency("from_currency", true), currency("to_currency", true)},
			example: []apidesc.Pair{{Name: "amount", Value: "1"}, {Name: "from_currency", Value: "USD"}, {Name: "to_currency", Value: "IRT"}},
			answer:  apidesc.SchemaOf(exchangeResult{}), errors: []msg{msgInsufficient}, test: "result.trackid"},
		"exchange-list": {summary: "Past exchanges", items: true,
			params: append([]apidesc.Param{{Name: "trackid"}}, paging...),
			answer: apidesc.Array(apidesc.SchemaOf(exchangeResult{})), test: "items"},
		"transfer": {summary: "Transfer to another Zipay account",
			params: []apidesc.Param{
				{Name: "receiver", Required: true, Description: "account number (optionally suffixed with the currency) or e-mail"}, amount, currency("currency", true),
				{Name: "order_id", Required: true, MaxLength: 200}, {Name: "description", MaxLength: 200},
			},
			example: []apidesc.Pair{{Name: "receiver", Value: "10017"}, {Name: "amount", Value: "1"}, {Name: "currency", Value: "USD"}, {Name: "order_id", Value: "{{zipay_order_id}}"}},
			answer:  apidesc.SchemaOf(transferResult{}), errors: []msg{msgNotFoundParam, msgDuplicate, msgInsufficient}, test: "result.trackid"},
		"transfer-list": {summary: "Past transfers", items: true,
			params: append([]apidesc.Param{{Name: "trackid"}, {Name: "transfer_type", Enum: []string{"transfer_in", "transfer_out"}}, {Name: "order_id", MaxLength: 200}}, paging...),
			answer: apidesc.Array(apidesc.SchemaOf(transferResult{})), test: "items"},
		"crypto-info": {summary: "Coins and networks for withdrawals", items: true,
			answer: apidesc.Array(apidesc.Obj("coin", apidesc.Str(), "coin_name", apidesc.Str(), "network", apidesc.Str(), "network_name", apidesc.Str(),
				"deposit_is_active", apidesc.Bool(), "withdraw_is_active", apidesc.Bool(), "min_withdraw", apidesc.Str(), "fee", apidesc.Str(), "decimal", apidesc.Int())),
			test: "items.0.network"},
		"crypto-withdraw": {summary: "Withdraw a coin to an address",
			params: []apidesc.Param{
				{Name: "order_id", Type: "integer", Required: true, Minimum: apidesc.Num(1), Maximum: apidesc.Num(2000000000)},
				{Name: "coin", Required: true}, {Name: "network", Required: true}, amount, {Name: "address", Required: true},
			},
			example: []apidesc.Pair{{Name: "order_id", Value: "{{zipay_order_number}}"}, {Name: "coin", Value: "USDT"}, {Name: "network", Value: "TRX"},
				{Name: "amount", Value: "5"}, {Name: "address", Value: "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"}},
			answer: withdrawal, errors: []msg{msgWithdrawDisabled, msgLessThanMin, msgDuplicate, msgInsufficient}, test: "result.trackid"},
	}
	return order, docs
}

// errorAnswers groups message-table entries into documented error answers.
func errorAnswers(ms []msg, validation bool) []apidesc.Response {
	var entries []apidesc.StatusText
	codes := map[int][]string{}
	for _, m := range ms {
		e := messages[m]
		key := e.key
		if key == "" {
			key = "<parameter>"
		}
		entries = append(entries, apidesc.StatusText{Status: e.status, Text: key + ": " + e.code})
		codes[e.status] = append(codes[e.status], e.code)
	}
	if validation {
		for _, m := range []msg{msgRequired, msgInvalid, msgTooLong} {
			e := messages[m]
			entries = append(entries, apidesc.StatusText{Status: e.status, Text: "<parameter>: " + e.code})
			codes[e.status] = append(codes[e.status], e.code)
		}
	}
	return apidesc.ByStatus(entries, func(status int, texts []string) apidesc.Response {
		key, code, _ := strings.Cut(texts[0], ": ")
		return apidesc.Response{
			Description: http.StatusText(status),
			Schema: apidesc.Obj(
				"errors", apidesc.Schema{"type": "object", "minProperties": 1, "additionalProperties": apidesc.Const(codes[status]...)},
				"success", apidesc.Schema{"type": "boolean", "enum": []any{false}},
				"status", apidesc.Schema{"type": "integer", "enum": []any{status}}),
			Example: map[string]any{"errors": map[string]string{key: code}, "success": false, "status": status},
		}
	})
}

// Describe documents the merchant API from the methods and message tables.
func (p *Provider) Describe() apidesc.API {
	order, docs := describedMethods()
	pages := p.describePages()
	auth := []msg{msgInvalidKey, msgIPNotAllowed, msgInvalidSign, msgMethodNotAllowed, msgTooLarge, msgInternal}
	var eps []apidesc.Endpoint
	for _, name := range order {
		m, d := methods[name], docs[name]
		key := "result"
		if d.items {
			key = "items"
		}
		answer := d.answer
		if name == "random" {
			answer = nil
		}
		var ok apidesc.Response
		if answer == nil {
			ok = apidesc.Response{Status: 200, Description: "the number", Schema: apidesc.SchemaOf(randomBody{}),
				Example: randomBody{TrackID: "0a1b2c3d4e5f", Result: 42, Success: true, Status: 200}}
		} else {
			ok = apidesc.Response{Status: 200, Description: "done",
				Schema: apidesc.Obj(key, answer, "success", apidesc.Schema{"type": "boolean", "enum": []any{true}}, "status", apidesc.Schema{"type": "integer", "enum": []any{200}})}
		}
		responses := append([]apidesc.Response{ok}, errorAnswers(append(append([]msg{}, auth...), d.errors...), true)...)
		verbs := []string{"POST"}
		if m.allowGET {
			verbs = append(verbs, "GET")
		}
		for _, verb := range verbs {
			id := name
			body := "form"
			if verb == "GET" {
				id, body = name+"-get", ""
			}
			eps = append(eps, apidesc.Endpoint{
				ID: id, Method: verb, Path: "/api/" + name, Tag: tagOf(name), Body: body, Summary: d.summary, Multipart: body != "",
				Description: "Signed with api_sign over the form body as sent (a multipart body: over http_build_query of its fields; a GET signs its query string). A body of another Content-Type (JSON, text/plain, none) carries no parameters and is checked as signed over the empty string.",
				Auth:        []string{"api_key", "api_sign"}, Params: d.params, Responses: responses,
				Example: append([]apidesc.Pair{{Name: "api_key", Value: "{{zipay_api_key}}"}, {Name: "api_sign", Value: "{{zipay_sign}}"}}, d.example...),
				Test:    d.test, Capture: d.capture,
			})
		}
		if name == "invoice-status" {
			// The payer pays on the hosted page before the merchant verifies.
			eps = append(eps, pages[1:]...)
		}
	}
	eps = append(eps, pages[0])
	return apidesc.API{
		Name: p.Name(), Title: "Zipay merchant API (mocksuite emulation)", Version: "v1",
		Description: "Invoices with a hosted payment page and webhooks, wallets, exchanges, transfers and crypto withdrawals. Every call is a form POST to /api/<method> with the api_key and api_sign headers.",
		RealOrigin:  apidesc.RealOrigin(Descriptor(), p.Name()),
		Security: []apidesc.Credential{
			{Name: "api_key", In: "header", Description: "the API key (api-key is accepted too)"},
			{Name: "api_sign", In: "header", Description: "base64(HMAC-SHA256(secret, raw body)) (api-sign is accepted too)"},
		},
		Signature: apidesc.Signature{
			Algorithm: "base64(hmac_sha256(secret, body))",
			Inputs:    []string{"secret", "the raw form body exactly as sent (for GET: the query string)"},
			Encoding:  "base64 (standard alphabet, padded)",
			Placement: "header api_sign",
			Recipe: "1. Build the form body as PHP's http_build_query would (the mock's strict mode also requires the raw body to be exactly that rebuild).\n" +
				"2. api_sign = base64( HMAC-SHA256(key = secret, message = body) ).\n" +
				"3. Send headers api_key and api_sign with the body, Content-Type application/x-www-form-urlencoded.",
			Notes: "The key's IP list and enabled methods apply before the method runs.",
		},
		Variables: []apidesc.Pair{
			{Name: "zipay_api_key", Value: mocksign.Zipay.APIKey},
			{Name: "zipay_secret", Value: mocksign.Zipay.Secret},
			{Name: "zipay_sign", Value: "m0ZBfU0DgV6k6tWdfX0pbt3Vpq6yGmYk1bH3w7gVwCE="},
			{Name: "zipay_order_id", Value: "ORDER-0001"},
			{Name: "zipay_order_number", Value: "1001"},
			{Name: "zipay_trackid", Value: "00000000-0000-4000-8000-000000000000"},
			{Name: "zipay_callback", Value: "https://shop.example.com/zipay/return"},
		},
		Prerequest: zipayScript,
		Sign:       signSample,
		Unrouted:   errorAnswers([]msg{msgRouteNotFound, msgVerbNotAllowed, msgTooLarge}, false),
		Endpoints:  eps,
	}
}

// describePages documents the IP echo and the hosted payment page.
func (p *Provider) describePages() []apidesc.Endpoint {
	html := func(status int, desc string) apidesc.Response {
		return apidesc.Response{Status: status, ContentType: "text/html", Description: desc, Schema: apidesc.Str()}
	}
	track := apidesc.Param{Name: "trackid", In: "path"}
	return []apidesc.Endpoint{
		{
			ID: "ip", Method: "GET", Path: "/api/", Aliases: []string{"/api"}, Tag: "utility", Summary: "The caller's IP as Zipay sees it (unsigned)",
			Responses: []apidesc.Response{{Status: 200, Description: "the IP", Schema: apidesc.Obj("result", apidesc.Obj("ip", apidesc.Str()), "success", apidesc.Bool(), "status", apidesc.Int()),
				Example: map[string]any{"result": map[string]string{"ip": "127.0.0.1"}, "success": true, "status": 200}}},
			Test: "result.ip",
		},
		{
			ID: "invoicePage", Method: "GET", Path: "/invoice_v1/{trackid}", Tag: "payment page", Summary: "The payment page of an invoice",
			Params:    []apidesc.Param{track},
			Responses: []apidesc.Response{html(200, pageText["title"]), html(404, pageText["not_found"]), html(500, messages[msgInternal].code)},
			Example:   []apidesc.Pair{{Name: "trackid", Value: "{{zipay_trackid}}"}}, TestText: pageText["title"],
		},
		{
			ID: "invoicePay", Method: "POST", Path: "/invoice_v1/{trackid}", Tag: "payment page", Body: "form", Summary: "Pay or cancel on the payment page",
			Description: "Pay marks the invoice pending and queues the webhook; both actions send the browser to the callback (302).",
			Params:      []apidesc.Param{track, {Name: "action", Required: true, Enum: []string{"pay", "cancel"}}, {Name: "national_id"}},
			Responses: []apidesc.Response{
				{Status: 302, ContentType: apidesc.NoContent, Description: "to the merchant's callback"},
				html(400, pageText["bad_action"]), html(404, pageText["not_found"]), html(409, pageText["not_payable"]), html(422, pageText["national_id_bad"]), html(500, messages[msgInternal].code),
			},
			Example: []apidesc.Pair{{Name: "trackid", Value: "{{zipay_trackid}}"}, {Name: "action", Value: "pay"}},
		},
	}
}

func tagOf(name string) string {
	switch {
	case strings.HasPrefix(name, "invoice") || name == "create-invoice":
		return "invoices"
	case strings.HasPrefix(name, "crypto"):
		return "crypto"
	case strings.HasPrefix(name, "transfer"):
		return "transfers"
	case name == "random":
		return "utility"
	}
	return "wallet"
}

// signSample is zipayScript in Go.
func signSample(_ apidesc.Endpoint, vars map[string]string, draft func() apidesc.Sample, now time.Time) error {
	vars["zipay_order_id"] = "REF-" + strconv.FormatInt(now.UnixNano(), 36)
	vars["zipay_order_number"] = strconv.FormatInt(now.Unix()%2000000000, 10)
	vars["zipay_callback"] = url.QueryEscape(vars["baseUrl"] + "/zipay/api/")
	s := draft()
	signed := s.Body
	if s.Method == http.MethodGet {
		signed = s.Query()
	}
	vars["zipay_sign"] = verify.SignZipay(vars["zipay_secret"], signed)
	return nil
}

// zipayScript signs each request of the Postman folder.
const zipayScript = `
// Zipay: api_sign = base64(HMAC-SHA256(secret, raw body)); a GET signs its query string.
pm.collectionVariables.set('zipay_order_id', 'PM-' + Date.now());
pm.collectionVariables.set('zipay_order_number', String(Math.floor(Date.now() / 1000) % 2000000000));
// Form values are sent url-encoded, as http_build_query writes them.
pm.variables.set('zipay_callback', encodeURIComponent(pm.variables.get('baseUrl') + '/zipay/api/'));
var signed = pm.request.method === 'GET'
  ? pm.variables.replaceIn(pm.request.url.getQueryString())
  : pm.variables.replaceIn(pm.request.body ? pm.request.body.raw || '' : '');
pm.variables.set('zipay_sign', CryptoJS.HmacSHA256(signed, pm.variables.get('zipay_secret')).toString(CryptoJS.enc.Base64));
`
