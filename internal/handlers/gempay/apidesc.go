package gempay

import (
	"strconv"
	"time"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/verify"
	"github.com/mocksuite/mocksuite/mocksign"
)

// The sample account of the API description is the first fixture user
// (mocksign.Gempay), a reseller; it orders product 1 at the reseller price.
const (
	sampleKode  = "1"
	samplePrice = "15000"
)

// Describe documents the emulated API from the route list, the message
// tables and the view types of this package.
func (p *Provider) Describe() apidesc.API {
	envelope := func(status int, texts []string) apidesc.Response {
		return apidesc.Response{
			Description: "error envelope",
			Schema:      apidesc.Obj("status", apidesc.Const("error"), "message", apidesc.Texts(texts...), "code", apidesc.Schema{"type": "integer", "enum": []any{status}}),
			Example:     map[string]any{"status": "error", "message": texts[0], "code": status},
		}
	}
	errs := func(ms ...msg) []apidesc.Response {
		entries := make([]apidesc.StatusText, 0, len(ms))
		for _, m := range ms {
			entries = append(entries, apidesc.StatusText{Status: messages[m].code, Text: messages[m].text})
		}
		return apidesc.ByStatus(entries, envelope)
	}
	ok := func(m msg, data any, example any) apidesc.Response {
		e := messages[m]
		return apidesc.Response{
			Status: e.code, Description: e.text,
			Schema:  apidesc.Obj("status", apidesc.Const("success"), "message", apidesc.Const(e.text), "code", apidesc.Schema{"type": "integer", "enum": []any{e.code}}, "data", apidesc.SchemaOf(data)),
			Example: map[string]any{"status": "success", "message": e.text, "code": e.code, "data": example},
		}
	}
	ipErrs := []msg{errIPNotWhitelisted, errIPNotAuthorized}
	common := []msg{errBodyTooLarge, errInternal}

	products := func(method string) apidesc.Endpoint {
		return apidesc.Endpoint{
			ID: "products" + method, Method: method, Path: "/api/products", Tag: "products",
			Summary:     "List the products with the caller's role price",
			Description: "The bearer token is the API key itself. Limited per IP.",
			Auth:        []string{"Authorization"},
			Responses: append([]apidesc.Response{ok(okProducts, []productView{}, []productView{
				{Kode: sampleKode, Kategori: "Mobile Games", Produk: "Mobile Legends Diamonds", Harga: 15000, Catatan: "Minimal pembelian 100 diamonds", Status: "Aktif"},
			})}, errs(append(append([]msg{errUnauthorized, errInvalidAPIKey}, ipErrs...), append([]msg{errTooManyProducts}, common...)...)...)...),
			Example:  []apidesc.Pair{{Name: "Authorization", Value: "Bearer {{gempay_api_key}}"}},
			Test:     "message",
			TestWant: messages[okProducts].text,
		}
	}
	return apidesc.API{
		Name:        p.Name(),
		Title:       "Gempay Top Up V1 (mocksuite emulation)",
		Version:     "v1",
		Description: "Game top-up orders charged against a per-user balance, behind IP whitelists, bearer hashes and a request-time window. The product-list and order paths are the emulator's choice: the provider's docs name none.",
		RealOrigin:  apidesc.RealOrigin(Descriptor(), p.Name()),
		Security: []apidesc.Credential{
			{Name: "Authorization", In: "header", Scheme: "bearer", Description: "Bearer <API key> for the product list; Bearer <SHA-256 hash> for order and cek-status"},
			{Name: "X-API-Key", In: "header", Description: "the API key (order; check-ml reads it as X-API-KEY, the same header)"},
		},
		Signature: apidesc.Signature{
			Algorithm: "order: sha256(api_key . ref_id . price); cek-status: sha256(api_key . trx_id)",
			Inputs:    []string{"api_key", "ref_id | trx_id", "price (the caller's role price of produk_id, plain integer)"},
			Encoding:  "hex (lower case sent; compared case-insensitively)",
			Placement: "header Authorization: Bearer <hash>",
			Recipe: "1. Product list: send `Authorization: Bearer <api_key>`.\n" +
				"2. Order: concatenate the API key, the `ref_id` and the price of `produk_id` for your role (plain base-10 integer), take SHA-256 as lower-case hex and send `Authorization: Bearer <hash>`, plus `X-API-Key: <api_key>` and `X-Request-Time: <Unix seconds or RFC 3339>` within the server's time window.\n" +
				"3. Status: SHA-256 of the API key followed by `trx_id` (the order_id or your ref_id), as the bearer.",
		},
		Variables: []apidesc.Pair{
			{Name: "gempay_api_key", Value: mocksign.Gempay.APIKey},
			{Name: "gempay_produk_id", Value: sampleKode},
			{Name: "gempay_price", Value: samplePrice},
			{Name: "gempay_ref_id", Value: "REF-0001"},
			{Name: "gempay_hash", Value: "7c5cfdf6d0a4d6e1e3c6f1c2f1b3f0e6d3d2f2b6a0e5b1c4f7a9e8d6c5b4a392"},
			{Name: "gempay_request_time", Value: "1767225600"},
		},
		Prerequest: gempayScript,
		Sign:       signSample,
		Unrouted:   errs(errRouteNotFound, errMethodNotAllowed),
		Endpoints: []apidesc.Endpoint{
			products("GET"),
			products("POST"),
			{
				ID: "order", Method: "POST", Path: "/api/order", Tag: "orders", Body: "json",
				Summary:     "Place an order, charged from the balance",
				Description: "A game user_id of 400000000 ends Batal (refunded), 500000000 fails with 500 and nothing stored.",
				Auth:        []string{"Authorization", "X-API-Key"},
				Headers: []apidesc.Param{
					{Name: "X-API-Key", Required: true, Description: "the API key"},
					{Name: "X-Request-Time", Required: true, Description: "Unix seconds (at most 10 digits) or RFC 3339, within the time window"},
				},
				Params: []apidesc.Param{
					{Name: "user_id", Type: "scalar", Required: true, MinLength: 1, Description: "the game's player id (string or number)"},
					{Name: "zone", Type: "scalar", Description: "the game zone, when the game has one"},
					{Name: "produk_id", Type: "scalar", Required: true, MinLength: 1, Description: "a product kode"},
					{Name: "ref_id", Type: "scalar", Required: true, MinLength: 1, Description: "your unique reference, once per account"},
				},
				Responses: append([]apidesc.Response{ok(okOrder, orderView{}, orderView{OrderID: "INV-7K2M9Q4XZ", UserID: "12345678", Zone: "2001", Produk: "Mobile Legends Diamonds", Harga: 15000, Status: "Pending"})},
					errs(append(append([]msg{errMissingHeaders, errInvalidAPIKey, errInvalidHash}, ipErrs...),
						errRequestExpired, errTimeFormat, errProductNotAvailable, errSaldo, errMissingParams, errRefUsed, errProductNotFound, errTooMany, errBodyTooLarge, errInternal, errMagicFail)...)...),
				Example: []apidesc.Pair{
					{Name: "Authorization", Value: "Bearer {{gempay_hash}}"}, {Name: "X-API-Key", Value: "{{gempay_api_key}}"}, {Name: "X-Request-Time", Value: "{{gempay_request_time}}"},
					{Name: "user_id", Value: "12345678"}, {Name: "zone", Value: "2001"}, {Name: "produk_id", Value: "{{gempay_produk_id}}"}, {Name: "ref_id", Value: "{{gempay_ref_id}}"},
				},
				Test: "message", TestWant: messages[okOrder].text,
				// cek-status takes the order_id as well as the ref_id.
				Capture: []apidesc.Pair{{Name: "gempay_ref_id", Value: "data.order_id"}},
			},
			{
				ID: "cekStatus", Method: "POST", Path: "/api/cek-status", Tag: "orders", Body: "json",
				Summary:     "Read an order's status by order_id or ref_id",
				Description: "Status goes Pending → Success (or Batal) after the configured delay, computed from the mock clock.",
				Auth:        []string{"Authorization"},
				Params:      []apidesc.Param{{Name: "trx_id", Type: "scalar", Required: true, MinLength: 1, Description: "the order_id or your ref_id"}},
				Responses: append([]apidesc.Response{ok(okStatus, statusView{}, statusView{OrderID: "INV-7K2M9Q4XZ", UserID: "12345678", Produk: "Mobile Legends Diamonds", Harga: 15000, Status: "Success", Keterangan: keterangan["Success"], Zone: "2001", Nickname: "Player12345678"})},
					errs(append(append([]msg{errUnauthorized, errInvalidHash}, ipErrs...), errTrxRequired, errTrxNotFound, errUserNotFound, errTooMany, errBodyTooLarge, errInternal)...)...),
				Example: []apidesc.Pair{{Name: "Authorization", Value: "Bearer {{gempay_hash}}"}, {Name: "trx_id", Value: "{{gempay_ref_id}}"}},
				Test:    "message", TestWant: messages[okStatus].text,
			},
			p.describeCheckML(),
		},
	}
}

// describeCheckML documents the nickname lookup, which answers in its own shape.
func (p *Provider) describeCheckML() apidesc.Endpoint {
	var entries []apidesc.StatusText
	for _, m := range []msg{mlNoKey, mlUnknownKey, mlNoWhitelist, mlIPNotAuthorized, mlBadForm, mlMissingParams, mlUserNotFound, mlInternal} {
		entries = append(entries, apidesc.StatusText{Status: messages[m].code, Text: messages[m].text})
	}
	errs := apidesc.ByStatus(entries, func(status int, texts []string) apidesc.Response {
		return apidesc.Response{
			Description: "lookup refused",
			Schema:      apidesc.Obj("success", apidesc.Schema{"type": "boolean", "enum": []any{false}}, "message", apidesc.Texts(texts...)),
			Example:     mlResult{Message: texts[0]},
		}
	})
	// A body over the limit is refused by the common middleware in the V1 envelope.
	tooLarge := messages[errBodyTooLarge]
	errs = append(errs, apidesc.Response{
		Status: tooLarge.code, Description: "body over the limit", Errors: []string{tooLarge.text},
		Schema:  apidesc.Obj("status", apidesc.Const("error"), "message", apidesc.Texts(tooLarge.text), "code", apidesc.Int()),
		Example: map[string]any{"status": "error", "message": tooLarge.text, "code": tooLarge.code},
	})
	okSchema := apidesc.SchemaOf(mlResult{})
	okSchema["required"] = []any{"success", "username", "region"}
	return apidesc.Endpoint{
		ID: "checkMl", Method: "POST", Path: "/api/check-ml", Tag: "lookup", Body: "form",
		Summary:     "Look up a Mobile Legends nickname",
		Description: "Seen only in third-party client code; every text is the emulator's choice.",
		Auth:        []string{"X-API-Key"},
		Headers:     []apidesc.Param{{Name: "X-API-Key", Required: true, Description: "the API key"}},
		Params: []apidesc.Param{
			{Name: "uid", Required: true, Pattern: "^[0-9]+$", Description: "player id (digits)"},
			{Name: "zone", Required: true, Pattern: "^[0-9]+$", Description: "zone id (digits)"},
		},
		Responses: append([]apidesc.Response{{
			Status: 200, Description: "nickname found", Schema: okSchema,
			Example: mlResult{Success: true, Username: "Player12345678", Region: mlRegion},
		}}, errs...),
		Example: []apidesc.Pair{{Name: "X-API-Key", Value: "{{gempay_api_key}}"}, {Name: "uid", Value: "12345678"}, {Name: "zone", Value: "2001"}},
		Test:    "username", TestWant: "Player12345678",
	}
}

// signSample is gempayScript in Go.
func signSample(e apidesc.Endpoint, vars map[string]string, _ func() apidesc.Sample, now time.Time) error {
	key := vars["gempay_api_key"]
	switch e.ID {
	case "order":
		ref := "REF" + strconv.FormatInt(now.UnixNano(), 36)
		vars["gempay_ref_id"] = ref
		vars["gempay_request_time"] = strconv.FormatInt(now.Unix(), 10)
		vars["gempay_hash"] = verify.SignGempayOrder(key, ref, vars["gempay_price"])
	case "cekStatus":
		vars["gempay_hash"] = verify.SignGempayStatus(key, vars["gempay_ref_id"])
	}
	return nil
}

// gempayScript signs each request of the Postman folder.
const gempayScript = `
// Gempay: the product list sends the API key as bearer; order and cek-status
// send SHA-256 hashes (lower-case hex) as bearer.
var key = pm.variables.get('gempay_api_key');
var path = pm.request.url.getPath();
if (/\/api\/order$/.test(path)) {
  var ref = 'PM' + Date.now() + Math.floor(Math.random() * 1000);
  pm.collectionVariables.set('gempay_ref_id', ref);
  pm.variables.set('gempay_request_time', String(Math.floor(Date.now() / 1000)));
  pm.variables.set('gempay_hash', CryptoJS.SHA256(key + ref + pm.variables.get('gempay_price')).toString(CryptoJS.enc.Hex));
} else if (/\/api\/cek-status$/.test(path)) {
  pm.variables.set('gempay_hash', CryptoJS.SHA256(key + pm.variables.get('gempay_ref_id')).toString(CryptoJS.enc.Hex));
}
`
