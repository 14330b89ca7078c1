package geniusplugin

import (
	"fmt"
	"net/http"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// msgID names one answer of the API. Every status string lives in messages.
type msgID int

const (
	msgOK msgID = iota
	msgCredit
	msgMissingData
	msgMissingField
	msgMissingPassword
	msgMethod
	msgEndpoint
	msgIPNotAuthorized
	msgInvalidHash
	msgInvalidTimestamp
	msgReplay
	msgInsufficientCredit
	msgPackageExists
	msgInvalidPackage
	msgInvalidPassword
	msgInvalidDomain
	msgInvalidEmail
	msgInvalidStatus
	msgNotFoundCap
	msgNotFound
	msgUpdateSuspended
	msgDowngrade
	msgNoActivePackage
	msgConnectionFailed
	msgError
	msgDeleteError
)

// message is a status text (a fmt format when it takes an argument) and the
// journal reason code a refusal with it is filed under ("" for success).
type message struct {
	text   string
	reason journal.Reason
}

// messages is the one table of every status the emulator answers. [D] marks
// strings from the reseller API page, [I] strings the mock chose.
var messages = map[msgID]message{
	msgOK:                 {"ok", ""},                                                                           // [D] action endpoints
	msgCredit:             {"OK - %s", ""},                                                                      // [D] getcredit, balance with 2 decimals
	msgMissingData:        {"Request Missing data!", journal.ReasonMissingParam},                                // [D] none of domain/hash/timestamp
	msgMissingField:       {"Request Missing data! %s", journal.ReasonMissingParam},                             // [D] first missing field
	msgMissingPassword:    {"Missing Password", journal.ReasonMissingParam},                                     // [D] autoregister; [I] passwordreset
	msgMethod:             {"Invalid request method", journal.ReasonValidation},                                 // [I]
	msgEndpoint:           {"Invalid endpoint", journal.ReasonNotFound},                                         // [I]
	msgIPNotAuthorized:    {"IP not authorized", journal.ReasonIPRefused},                                       // [I]
	msgInvalidHash:        {"Invalid hash", journal.ReasonBadSignature},                                         // [I]
	msgInvalidTimestamp:   {"Invalid timestamp", journal.ReasonTimeWindow},                                      // [I]
	msgReplay:             {"Duplicate request", journal.ReasonReplay},                                          // [I] only with reject_replay
	msgInsufficientCredit: {"Insufficient credit", journal.ReasonInsufficientFunds},                             // [I]
	msgPackageExists:      {"Package already exists", journal.ReasonValidation},                                 // [I]
	msgInvalidPackage:     {"Invalid package name", journal.ReasonValidation},                                   // [D]
	msgInvalidPassword:    {"Invalid Password", journal.ReasonValidation},                                       // [D]
	msgInvalidDomain:      {"Invalid domain name", journal.ReasonValidation},                                    // [I] autoregister
	msgInvalidEmail:       {"Invalid email address", journal.ReasonValidation},                                  // [I] autoregister
	msgInvalidStatus:      {"Invalid status", journal.ReasonValidation},                                         // [I] packageupdate
	msgNotFoundCap:        {"Package not Found!", journal.ReasonNotFound},                                       // [D] list, suspended
	msgNotFound:           {"Package not found!", journal.ReasonNotFound},                                       // [D] active, delete; [I] packageupdate, renew
	msgUpdateSuspended:    {"Package is suspended. Please unsuspend it to continue.", journal.ReasonValidation}, // [D]
	msgDowngrade:          {"Downgrade not allowed.", journal.ReasonValidation},                                 // [D]
	msgNoActivePackage:    {"Error changing password. No active package found!", journal.ReasonNotFound},        // [D]
	msgConnectionFailed:   {"Connection failed", journal.ReasonInternal},                                        // [D] getcredit, our own failure
	msgError:              {"Error", journal.ReasonInternal},                                                    // [D] list; [I] other endpoints, our own failure
	msgDeleteError:        {"Error deleting %s", journal.ReasonInternal},                                        // [D] delete, our own failure
}

// text renders a message with its arguments.
func text(id msgID, args ...any) string {
	m := messages[id]
	if len(args) == 0 {
		return m.text
	}
	return fmt.Sprintf(m.text, args...)
}

// Text renders the entry with its arguments.
func (id msgID) Text(args ...any) string { return text(id, args...) }

// Status is HTTP 200: the API answers everything with it.
func (id msgID) Status() int { return http.StatusOK }

// Reason is the entry's journal reason ("" for a success).
func (id msgID) Reason() journal.Reason { return messages[id].reason }

// failure is an endpoint's refusal (see handlers.Refusal).
type failure = handlers.Refusal[msgID]

// refusal is a business-rule verdict that ends a request with a message.
type refusal msgID

func (r refusal) Error() string { return messages[msgID(r)].text }

// internalFailure is the message an endpoint answers when the mock itself
// fails (store error, panic): the documented failure string of that endpoint.
func internalFailure(endpoint, domain string) (msgID, []any) {
	switch endpoint {
	case "getcredit":
		return msgConnectionFailed, nil
	case "delete":
		return msgDeleteError, []any{domain}
	default:
		return msgError, nil
	}
}

// refuse files a refusal in the journal and answers {"status": <message>}.
func refuse(w http.ResponseWriter, r *http.Request, f *failure) {
	f.Record(r.Context(), w)
	writeJSON(w, http.StatusOK, [][2]string{{"status", f.Error()}})
}

// writeJSON writes a flat JSON object of string values in the given order,
// encoded as PHP's json_encode does by default.
func writeJSON(w http.ResponseWriter, status int, pairs [][2]string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(verify.JSONObject(verify.StylePHP, pairs)))
}

// formatCents prints cents as a decimal with two places ("1500.26", "0.00").
func formatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
