package gempay

import (
	"encoding/json"
	"net/http"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// msg names one entry of the message table.
type msg int

const (
	okProducts msg = iota
	okOrder
	okStatus

	errUnauthorized        // 401, product list and cek-status: no bearer
	errMissingHeaders      // 401, order: Authorization, X-API-Key or X-Request-Time missing
	errInvalidAPIKey       // 401, product list and order
	errInvalidHash         // 401, order and cek-status
	errIPNotWhitelisted    // 403, the account has no whitelisted IP (or the IP is on no whitelist)
	errIPNotAuthorized     // 403, the caller is not one of the account's registered IPs
	errRequestExpired      // 400, X-Request-Time outside the window
	errTimeFormat          // 400, X-Request-Time unparseable
	errProductNotAvailable // 400, NonAktif (or no price for the role)
	errSaldo               // 400, balance below the price
	errTrxRequired         // 400, cek-status without trx_id
	errMissingParams       // 400, order body without user_id, produk_id or ref_id [I]
	errRefUsed             // 400, ref_id reused by the same user [I]
	errProductNotFound     // 404
	errTrxNotFound         // 404
	errUserNotFound        // 404, the transaction's owner is gone
	errRouteNotFound       // 404, no such path [I]
	errMethodNotAllowed    // 405 [I]
	errBodyTooLarge        // 413 [I]
	errTooManyProducts     // 429, product list: 20/min per IP
	errTooMany             // 429, order and cek-status
	errInternal            // 500
	errMagicFail           // 500, the documented magic game user_id

	// The check-ml lookup answers in its own {"success": bool, ...} shape
	// (spec §4.4, seen only in third-party client code, so every text here
	// is the mock's choice).
	mlNoKey       // 401, no X-API-KEY
	mlUnknownKey  // 401
	mlNoWhitelist // 403
	mlIPNotAuthorized
	mlBadForm       // 400, a body that is not form-encoded
	mlMissingParams // 400
	mlUserNotFound  // 404
	mlInternal      // 500
)

type entry struct {
	code   int
	text   string
	reason journal.Reason
}

// messages is every status code, message and journal reason the emulator
// answers with: the provider's documented tables (spec §4, §5) plus the few
// the mock had to choose (tagged [I] above). A correction is one edit here.
var messages = map[msg]entry{
	okProducts: {200, "Berhasil mendapatkan list product", ""},
	okOrder:    {200, "Order created successfully", ""},
	okStatus:   {200, "Berhasil mendapatkan status transaksi", ""},

	errUnauthorized:        {401, "Unauthorized", journal.ReasonMissingParam},
	errMissingHeaders:      {401, "Unauthorized: Missing required headers", journal.ReasonMissingParam},
	errInvalidAPIKey:       {401, "Invalid API key", journal.ReasonUnknownKey},
	errInvalidHash:         {401, "Invalid hash combination", journal.ReasonBadSignature},
	errIPNotWhitelisted:    {403, "IP belum di whitelist", journal.ReasonIPRefused},
	errIPNotAuthorized:     {403, "IP address not authorized", journal.ReasonIPRefused},
	errRequestExpired:      {400, "Request expired", journal.ReasonTimeWindow},
	errTimeFormat:          {400, "Invalid X-Request-Time format", journal.ReasonTimeWindow},
	errProductNotAvailable: {400, "Product is not available", journal.ReasonValidation},
	errSaldo:               {400, "Saldo tidak cukup", journal.ReasonInsufficientFunds},
	errTrxRequired:         {400, "Transaction ID is required", journal.ReasonMissingParam},
	errMissingParams:       {400, "Missing required parameters", journal.ReasonValidation},
	errRefUsed:             {400, "ref_id already used", journal.ReasonValidation},
	errProductNotFound:     {404, "Product not found", journal.ReasonNotFound},
	errTrxNotFound:         {404, "Transaction not found", journal.ReasonNotFound},
	errUserNotFound:        {404, "User not found", journal.ReasonNotFound},
	errRouteNotFound:       {404, "Not Found", journal.ReasonNotFound},
	errMethodNotAllowed:    {405, "Method Not Allowed", journal.ReasonMethodNotAllowed},
	errBodyTooLarge:        {413, "Payload Too Large", journal.ReasonBodyTooLarge},
	errTooManyProducts:     {429, "Too many requests. Please try again later.", journal.ReasonRateLimited},
	errTooMany:             {429, "Too many requests", journal.ReasonRateLimited},
	errInternal:            {500, "Internal Server Error", journal.ReasonInternal},
	errMagicFail:           {500, "Internal Server Error", journal.ReasonMagicValue},

	mlNoKey:           {401, "Invalid API key", journal.ReasonMissingParam},
	mlUnknownKey:      {401, "Invalid API key", journal.ReasonUnknownKey},
	mlNoWhitelist:     {403, "IP belum di whitelist", journal.ReasonIPRefused},
	mlIPNotAuthorized: {403, "IP address not authorized", journal.ReasonIPRefused},
	mlBadForm:         {400, "uid and zone are required", journal.ReasonValidation},
	mlMissingParams:   {400, "uid and zone are required", journal.ReasonMissingParam},
	mlUserNotFound:    {404, "User not found", journal.ReasonNotFound},
	mlInternal:        {500, "Internal Server Error", journal.ReasonInternal},
}

// Text is the entry's message.
func (m msg) Text(...any) string { return messages[m].text }

// Status is the entry's HTTP status, which the body's code repeats.
func (m msg) Status() int { return messages[m].code }

// Reason is the entry's journal reason.
func (m msg) Reason() journal.Reason { return messages[m].reason }

// refusal is an endpoint's failure (see handlers.Refusal).
type refusal = handlers.Refusal[msg]

// keterangan is the data.keterangan text of each order status (spec §8).
var keterangan = map[string]string{
	"Pending": "Pesanan sedang diproses",
	"Success": "Pembelian berhasil",
	"Batal":   "Pembelian dibatalkan",
}

// mlRegion is the region the nickname lookup reports for every player.
const mlRegion = "ID"

// mlResult is the check-ml answer; username and region only on success.
type mlResult struct {
	Success  bool   `json:"success"`
	Username string `json:"username,omitempty"`
	Region   string `json:"region,omitempty"`
	Message  string `json:"message,omitempty"`
}

// writeML answers check-ml.
func writeML(w http.ResponseWriter, code int, res mlResult) {
	body, err := json.Marshal(res)
	if err != nil {
		code, body = 500, []byte(`{"success":false,"message":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(body)
}

// envelope is the V1 response shape; error bodies carry no data.
type envelope struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Code    int    `json:"code"`
	Data    any    `json:"data,omitempty"`
}

// writeSuccess answers 200 with data.
func writeSuccess(w http.ResponseWriter, m msg, data any) {
	e := messages[m]
	writeEnvelope(w, e.code, envelope{Status: "success", Message: e.text, Code: e.code, Data: data})
}

// writeError answers with the entry's status and message, HTTP status = code.
func writeError(w http.ResponseWriter, m msg) {
	e := messages[m]
	writeEnvelope(w, e.code, envelope{Status: "error", Message: e.text, Code: e.code})
}

// writeStatus answers an error for an arbitrary HTTP status (injected faults).
func writeStatus(w http.ResponseWriter, code int, text string) {
	writeEnvelope(w, code, envelope{Status: "error", Message: text, Code: code})
}

func writeEnvelope(w http.ResponseWriter, code int, env envelope) {
	body, err := json.Marshal(env)
	if err != nil {
		// Only our own view types are encoded; this cannot fail, but never send half a body.
		code = 500
		body = []byte(`{"status":"error","message":"Internal Server Error","code":500}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(body)
}
