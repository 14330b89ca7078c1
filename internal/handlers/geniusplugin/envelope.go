package geniusplugin

import (
	"fmt"
	"net/http"
	"strings"

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
	reason string
}

// messages is the one table of every status the emulator answers. [D] marks
// strings from the reseller API page, [I] strings the mock chose.
var messages = map[msgID]message{
	msgOK:                 {"ok", ""},                                                               // [D] action endpoints
	msgCredit:             {"OK - %s", ""},                                                          // [D] getcredit, balance with 2 decimals
	msgMissingData:        {"Request Missing data!", "missing_param"},                               // [D] none of domain/hash/timestamp
	msgMissingField:       {"Request Missing data! %s", "missing_param"},                            // [D] first missing field
	msgMissingPassword:    {"Missing Password", "missing_param"},                                    // [D] autoregister; [I] passwordreset
	msgMethod:             {"Invalid request method", "validation"},                                 // [I]
	msgEndpoint:           {"Invalid endpoint", "not_found"},                                        // [I]
	msgIPNotAuthorized:    {"IP not authorized", "ip_not_whitelisted"},                              // [I]
	msgInvalidHash:        {"Invalid hash", "signature_mismatch"},                                   // [I]
	msgInvalidTimestamp:   {"Invalid timestamp", "timestamp_invalid"},                               // [I]
	msgReplay:             {"Duplicate request", "replay"},                                          // [I] only with reject_replay
	msgInsufficientCredit: {"Insufficient credit", "insufficient_funds"},                            // [I]
	msgPackageExists:      {"Package already exists", "validation"},                                 // [I]
	msgInvalidPackage:     {"Invalid package name", "validation"},                                   // [D]
	msgInvalidPassword:    {"Invalid Password", "validation"},                                       // [D]
	msgInvalidDomain:      {"Invalid domain name", "validation"},                                    // [I] autoregister
	msgInvalidEmail:       {"Invalid email address", "validation"},                                  // [I] autoregister
	msgInvalidStatus:      {"Invalid status", "validation"},                                         // [I] packageupdate
	msgNotFoundCap:        {"Package not Found!", "not_found"},                                      // [D] list, suspended
	msgNotFound:           {"Package not found!", "not_found"},                                      // [D] active, delete; [I] packageupdate, renew
	msgUpdateSuspended:    {"Package is suspended. Please unsuspend it to continue.", "validation"}, // [D]
	msgDowngrade:          {"Downgrade not allowed.", "validation"},                                 // [D]
	msgNoActivePackage:    {"Error changing password. No active package found!", "not_found"},       // [D]
	msgConnectionFailed:   {"Connection failed", "internal"},                                        // [D] getcredit, our own failure
	msgError:              {"Error", "internal"},                                                    // [D] list; [I] other endpoints, our own failure
	msgDeleteError:        {"Error deleting %s", "internal"},                                        // [D] delete, our own failure
}

// text renders a message with its arguments.
func text(id msgID, args ...any) string {
	m := messages[id]
	if len(args) == 0 {
		return m.text
	}
	return fmt.Sprintf(m.text, args...)
}

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

// writeStatus answers {"status": <message>}. A refusal is filed in the
// journal with the message's reason and explanation.
func writeStatus(w http.ResponseWriter, r *http.Request, explanation string, id msgID, args ...any) {
	m := messages[id]
	if m.reason != "" {
		if explanation == "" {
			explanation = text(id, args...)
		}
		if m.reason == "internal" {
			journal.Fail(r.Context(), m.reason, explanation)
		} else {
			journal.Reject(r.Context(), m.reason, explanation)
		}
	}
	writeJSON(w, http.StatusOK, [][2]string{{"status", text(id, args...)}})
}

// writeJSON writes a flat JSON object of string values in the given order,
// encoded as PHP's json_encode does by default.
func writeJSON(w http.ResponseWriter, status int, pairs [][2]string) {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		phpJSONString(&b, p[0])
		b.WriteByte(':')
		phpJSONString(&b, p[1])
	}
	b.WriteByte('}')
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

// phpJSONString writes s as PHP's json_encode does without flags.
func phpJSONString(b *strings.Builder, s string) {
	b.WriteString(verify.JSONString(verify.StylePHP, s))
}

// formatCents prints cents as a decimal with two places ("1500.26", "0.00").
func formatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
