package zipay

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/mocksuite/mocksuite/internal/store"
)

// msg names one entry of the message table.
type msg int

const (
	msgInvalidSign msg = iota
	msgInvalidKey
	msgIPNotAllowed
	msgMethodNotAllowed
	msgRequired
	msgInvalid
	msgTooLong
	msgDuplicate
	msgNotFoundParam // 422 NOT_FOUND on a parameter (terminal_number, receiver)
	msgTrackNotFound
	msgInsufficient
	msgLessThanMin
	msgWithdrawDisabled
	msgNotPaid
	msgRejected
	msgRouteNotFound
	msgVerbNotAllowed
	msgTooLarge
	msgInternal
	msgUnavailable
	msgTooManyRequests
)

// message is one documented (or, where the docs are silent, proposed) error:
// the HTTP status (= the body's "status"), the errors key ("" means the
// parameter at fault) and the code.
type message struct {
	status int
	key    string
	code   string
}

// messages is every error Zipay answers with (spec §4). Only INVALID_API_SIGN
// is documented; the rest are the spec's proposals, kept here so a correction
// is one edit.
var messages = map[msg]message{
	msgInvalidSign:      {http.StatusForbidden, "auth", "INVALID_API_SIGN"},                   // E1, E2
	msgInvalidKey:       {http.StatusForbidden, "auth", "INVALID_API_KEY"},                    // E3
	msgIPNotAllowed:     {http.StatusForbidden, "auth", "IP_NOT_ALLOWED"},                     // E4
	msgMethodNotAllowed: {http.StatusForbidden, "auth", "METHOD_NOT_ALLOWED"},                 // E5
	msgRequired:         {http.StatusUnprocessableEntity, "", "REQUIRED"},                     // E6
	msgInvalid:          {http.StatusUnprocessableEntity, "", "INVALID"},                      // E7, E14, E16
	msgTooLong:          {http.StatusUnprocessableEntity, "", "TOO_LONG"},                     // E8
	msgDuplicate:        {http.StatusUnprocessableEntity, "", "DUPLICATE"},                    // E9, E10
	msgNotFoundParam:    {http.StatusUnprocessableEntity, "", "NOT_FOUND"},                    // E11, E15
	msgTrackNotFound:    {http.StatusNotFound, "trackid", "NOT_FOUND"},                        // E12
	msgInsufficient:     {http.StatusUnprocessableEntity, "amount", "INSUFFICIENT_BALANCE"},   // E13
	msgLessThanMin:      {http.StatusUnprocessableEntity, "amount", "LESS_THAN_MIN_WITHDRAW"}, // E17
	msgWithdrawDisabled: {http.StatusUnprocessableEntity, "network", "WITHDRAW_DISABLED"},     // E17
	msgNotPaid:          {http.StatusUnprocessableEntity, "trackid", "NOT_PAID"},              // E18
	msgRejected:         {http.StatusUnprocessableEntity, "trackid", "REJECTED"},              // E19
	msgRouteNotFound:    {http.StatusNotFound, "route", "NOT_FOUND"},                          // E20
	msgVerbNotAllowed:   {http.StatusMethodNotAllowed, "method", "NOT_ALLOWED"},               // E21
	msgTooLarge:         {http.StatusRequestEntityTooLarge, "body", "TOO_LARGE"},              // E22
	msgInternal:         {http.StatusInternalServerError, "server", "INTERNAL_ERROR"},         // E23
	msgUnavailable:      {http.StatusServiceUnavailable, "server", "SERVICE_UNAVAILABLE"},     // injected fault
	msgTooManyRequests:  {http.StatusTooManyRequests, "server", "TOO_MANY_REQUESTS"},          // injected fault
}

// pageText is every text of the hosted payment page.
var pageText = map[string]string{
	"title":            "Zipay invoice payment",
	"not_found":        "This invoice does not exist.",
	"pay":              "Pay",
	"cancel":           "Cancel",
	"national_id":      "National ID of the payer",
	"national_id_bad":  "The national ID does not match this invoice.",
	"not_payable":      "This invoice can no longer be paid.",
	"bad_action":       "Unknown action.",
	"status_unpaid":    "Awaiting payment",
	"status_pending":   "Paid, awaiting the merchant's confirmation",
	"status_completed": "Paid and confirmed",
	"status_rejected":  "Payment rejected and refunded",
	"status_expired":   "Expired",
}

// fieldErr is one entry of the errors object.
type fieldErr struct{ key, code string }

// errorOf renders a table entry for a parameter (for entries whose key is the parameter).
func errorOf(m msg, param string) fieldErr {
	e := messages[m]
	if e.key != "" {
		return fieldErr{e.key, e.code}
	}
	return fieldErr{param, e.code}
}

// writeMsg answers with one table entry; param names the parameter at fault
// for parameter-keyed entries.
func writeMsg(w http.ResponseWriter, m msg, param string) {
	writeErrors(w, messages[m].status, []fieldErr{errorOf(m, param)})
}

// writeErrors answers {"errors":{…},"success":false,"status":N}, keys in order.
func writeErrors(w http.ResponseWriter, status int, errs []fieldErr) {
	var b bytes.Buffer
	b.WriteString(`{"errors":{`)
	for i, e := range errs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonBytes(e.key))
		b.WriteByte(':')
		b.Write(jsonBytes(e.code))
	}
	b.WriteString(`},"success":false,"status":`)
	b.WriteString(strconv.Itoa(status))
	b.WriteByte('}')
	writeRaw(w, status, b.Bytes())
}

// writeData answers {"<key>":v,"success":true,"status":200}.
func writeData(w http.ResponseWriter, key string, v any) {
	var b bytes.Buffer
	b.WriteString(`{"` + key + `":`)
	b.Write(jsonBytes(v))
	b.WriteString(`,"success":true,"status":200}`)
	writeRaw(w, http.StatusOK, b.Bytes())
}

func writeResult(w http.ResponseWriter, v any) { writeData(w, "result", v) }
func writeItems(w http.ResponseWriter, v any)  { writeData(w, "items", v) }

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// jsonBytes marshals v without HTML escaping (Zipay's answers show "&" and
// "<" as they are) and without the encoder's trailing newline.
func jsonBytes(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only our own response types reach here; they always marshal.
		panic("zipay: marshal response: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// coin is Zipay's coin object (spec §3.2).
type coin struct {
	Name     string `json:"name"`
	Currency string `json:"currency"`
	Symbol   string `json:"symbol"`
}

var coins = map[string]coin{
	"USD":  {"United States dollar", "USD", "$"},
	"USDT": {"USD Tether", "USDT", "USDT"},
	"IRT":  {"Toman", "IRT", "IRT"},
}

// Time formats of spec §3.3.
const (
	layoutDate    = "02/01/2006 15:04 UTC"
	layoutW3C     = "2006-01-02T15:04:05-07:00"
	layoutUTCDate = "2006-01-02 15:04 UTC"
)

// stamp is the time/date/datew3c triple.
type stamp struct {
	Time    int64  `json:"time"`
	Date    string `json:"date"`
	DateW3C string `json:"datew3c"`
}

func stampOf(t time.Time) stamp {
	t = t.UTC()
	return stamp{t.Unix(), t.Format(layoutDate), t.Format(layoutW3C)}
}

// maskEmail shows the first 4 and last 7 characters: info@example.com → info*****ple.com.
func maskEmail(e string) string {
	if len(e) > 11 {
		return e[:4] + "*****" + e[len(e)-7:]
	}
	if len(e) > 2 {
		return e[:1] + "*****" + e[len(e)-1:]
	}
	return "*****"
}

// party is the sender/receiver object of a transfer.
type party struct {
	AccountNumber int64  `json:"account_number"`
	Email         string `json:"email"`
}

func partyOf(a store.ZipayAccount) party { return party{a.Number, maskEmail(a.Email)} }
