package zipay

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
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
	msgBadBody    // the body could not be read: answered as E23
	msgFormErrors // 422 with one error per parameter at fault, in Args as fieldErrs
)

// message is one documented (or, where the docs are silent, proposed) error:
// the HTTP status (= the body's "status"), the errors key ("" means the
// parameter at fault), the code and the journal reason.
type message struct {
	status int
	key    string
	code   string
	reason journal.Reason
}

// messages is every error Zipay answers with (spec §4). Only INVALID_API_SIGN
// is documented; the rest are the spec's proposals, kept here so a correction
// is one edit.
var messages = map[msg]message{
	msgInvalidSign:      {http.StatusForbidden, "auth", "INVALID_API_SIGN", journal.ReasonBadSignature},                      // E1, E2
	msgInvalidKey:       {http.StatusForbidden, "auth", "INVALID_API_KEY", journal.ReasonUnknownKey},                         // E3
	msgIPNotAllowed:     {http.StatusForbidden, "auth", "IP_NOT_ALLOWED", journal.ReasonIPRefused},                           // E4
	msgMethodNotAllowed: {http.StatusForbidden, "auth", "METHOD_NOT_ALLOWED", journal.ReasonForbidden},                       // E5
	msgRequired:         {http.StatusUnprocessableEntity, "", "REQUIRED", journal.ReasonValidation},                          // E6
	msgInvalid:          {http.StatusUnprocessableEntity, "", "INVALID", journal.ReasonValidation},                           // E7, E14, E16
	msgTooLong:          {http.StatusUnprocessableEntity, "", "TOO_LONG", journal.ReasonValidation},                          // E8
	msgDuplicate:        {http.StatusUnprocessableEntity, "", "DUPLICATE", journal.ReasonValidation},                         // E9, E10
	msgNotFoundParam:    {http.StatusUnprocessableEntity, "", "NOT_FOUND", journal.ReasonNotFound},                           // E11, E15
	msgTrackNotFound:    {http.StatusNotFound, "trackid", "NOT_FOUND", journal.ReasonNotFound},                               // E12
	msgInsufficient:     {http.StatusUnprocessableEntity, "amount", "INSUFFICIENT_BALANCE", journal.ReasonInsufficientFunds}, // E13
	msgLessThanMin:      {http.StatusUnprocessableEntity, "amount", "LESS_THAN_MIN_WITHDRAW", journal.ReasonValidation},      // E17
	msgWithdrawDisabled: {http.StatusUnprocessableEntity, "network", "WITHDRAW_DISABLED", journal.ReasonValidation},          // E17
	msgNotPaid:          {http.StatusUnprocessableEntity, "trackid", "NOT_PAID", journal.ReasonState},                        // E18
	msgRejected:         {http.StatusUnprocessableEntity, "trackid", "REJECTED", journal.ReasonState},                        // E19
	msgRouteNotFound:    {http.StatusNotFound, "route", "NOT_FOUND", journal.ReasonNotFound},                                 // E20
	msgVerbNotAllowed:   {http.StatusMethodNotAllowed, "method", "NOT_ALLOWED", journal.ReasonMethodNotAllowed},              // E21
	msgTooLarge:         {http.StatusRequestEntityTooLarge, "body", "TOO_LARGE", journal.ReasonBodyTooLarge},                 // E22
	msgInternal:         {http.StatusInternalServerError, "server", "INTERNAL_ERROR", journal.ReasonInternal},                // E23
	msgUnavailable:      {http.StatusServiceUnavailable, "server", "SERVICE_UNAVAILABLE", journal.ReasonInternal},            // injected fault
	msgTooManyRequests:  {http.StatusTooManyRequests, "server", "TOO_MANY_REQUESTS", journal.ReasonRateLimited},              // injected fault
	msgBadBody:          {http.StatusInternalServerError, "server", "INTERNAL_ERROR", journal.ReasonBadBody},
	msgFormErrors:       {http.StatusUnprocessableEntity, "", "", journal.ReasonValidation},
}

// Text is the entry's code; for a list of parameter errors, every "key CODE".
func (m msg) Text(args ...any) string {
	if m != msgFormErrors {
		return messages[m].code
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		if e, ok := a.(fieldErr); ok {
			b.WriteString(e.key + " " + e.code)
		}
	}
	return b.String()
}

// Status is the entry's HTTP status.
func (m msg) Status() int { return messages[m].status }

// Reason is the entry's journal reason.
func (m msg) Reason() journal.Reason { return messages[m].reason }

// failure is an endpoint's refusal (see handlers.Refusal): for
// parameter-keyed entries Args[0] names the parameter at fault.
type failure = handlers.Refusal[msg]

// answer is an endpoint's success: v under key ("result" or "items"), or, with
// no key, v as the whole body (random's fields sit at the top level).
type answer struct {
	key string
	v   any
}

func asResult(v any) answer { return answer{"result", v} }
func asItems(v any) answer  { return answer{"items", v} }

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

// writeAnswer writes an endpoint's success.
func writeAnswer(w http.ResponseWriter, a answer) {
	if a.key == "" {
		writeRaw(w, http.StatusOK, jsonBytes(a.v))
		return
	}
	writeData(w, a.key, a.v)
}

// refuse records a refusal in the journal and writes its errors object.
func refuse(w http.ResponseWriter, r *http.Request, f *failure) {
	f.Record(r.Context(), w)
	if f.Msg == msgFormErrors {
		errs := make([]fieldErr, 0, len(f.Args))
		for _, a := range f.Args {
			if e, ok := a.(fieldErr); ok {
				errs = append(errs, e)
			}
		}
		writeErrors(w, f.Msg.Status(), errs)
		return
	}
	param := ""
	if len(f.Args) > 0 {
		param, _ = f.Args[0].(string)
	}
	writeMsg(w, f.Msg, param)
}

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
