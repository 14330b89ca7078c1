package nodeco

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// The one table of every code and message the emulator answers with. The
// success messages are the documented ones, typos included; the failure
// messages are ours (the real ones are undocumented, spec §5.3).
const (
	codeOK = "OK"

	// Success messages (documented).
	msgRead             = ""
	msgCreateServer     = "The server creation process has been started"
	msgCancelServer     = "The server subscription has been canceled. The server will be permanently deleted."
	msgReinstallServer  = "The server re-installation process has been started"
	msgTurnOn           = "The server has been successfully turned on."
	msgTurnOff          = "The server has been forcefully turned off."
	msgChangeLabel      = "The server label has been changed."
	msgChangeHostname   = "The server hostname has been changed."
	msgChangeReverse    = "The reverse host has been changed."
	msgSetCustomInfo    = "The server custom info has been set."
	msgChangePassword   = "The server root password has been changed."
	msgShareAddedFmt    = "The server access has been shared to %s"
	msgShareRevokedFmt  = "The server access has been revoked from %s"
	msgCreateSnapshot   = "Snapshot creation has been strated."
	msgDeleteSnapshot   = "Snapshot has been deleted."
	msgSnapshotSchedule = "The server snapshot schedule has been set."

	// Failures: authentication and routing.
	errInvalidChecksum   = "Invalid checksum."
	errInvalidUserID     = "Invalid user_id."
	errMissingParamFmt   = "Missing parameter: %s."
	errUnknownFunction   = "Unknown function."
	errMethod            = "Unsupported HTTP method: use GET or POST."
	errBadRequest        = "The request parameters could not be read."
	errInternal          = "Internal server error. Please try again later."
	errBodyTooLarge      = "The request is too large."
	errServiceFault      = "Service temporarily unavailable."
	errServerNotFound    = "Server not found."
	errSnapshotNotFound  = "Snapshot not found."
	errPermissionDenied  = "You do not have permission to do this on a shared server."
	errShareNotFound     = "The e-mail address has no access to this server."
	errShareWithOwner    = "A server cannot be shared with its owner."
	errIPNotOnServer     = "The IP address does not belong to this server."
	errTemplateNotFound  = "Unknown os_template. Use a value from get_os_template_list."
	errVariantNotFound   = "Unknown os_variant. Use a value from get_os_variant_list."
	errArchNotFound      = "Unknown arch. Use a value from get_arch_list."
	errHostname          = "Invalid hostname. It must be a fully qualified domain name such as myserver.domain.com."
	errEmail             = "Invalid e-mail address."
	errPassword          = "The password must not contain ', \", $ or spaces."
	errRootPasswordLen   = "The root password must be 5 to 15 characters long."
	errRootPasswordISO   = "root_password can only be set for template or backup installs."
	errSSHKeysCount      = "ssh_keys holds more than 10 keys."
	errSSHKeyInvalid     = "ssh_keys contains a line that is not a public key."
	errTooLongFmt        = "Parameter %s is too long (maximum %d characters)."
	errEnumFmt           = "Invalid value for %s. Allowed values: %s."
	errIntRangeFmt       = "Parameter %s must be an integer from %d to %d."
	errURLFmt            = "Parameter %s must be a valid http or https URL."
	errIPv4Fmt           = "Parameter %s must be an IPv4 address."
	errIPFmt             = "Parameter %s must be an IP address."
	errColorFmt          = "Parameter %s must be an HTML hex colour such as #006600."
	errMaxAgeFmt         = "Parameter %s is required when %s is yes."
	errServerCanceled    = "The server has been canceled."
	errServerSuspended   = "The server is suspended."
	errServerPending     = "The server order is still pending."
	errServerInstalling  = "The server is being installed. Please wait until the installation has finished."
	errMustBeOffHostname = "The server must be turned off before its hostname is changed."
	errMustBeOffPassword = "The server must be turned off before its root password is changed."
	errSnapshotInactive  = "Only an active snapshot can be used for installation."
	errSnapshotNoTmpl    = "Only a snapshot of a template install can be used for installation."
	errSnapshotTooBig    = "The snapshot comes from a larger package. Use a snapshot of the same or a lower package."
	errSnapshotDeleted   = "The snapshot has already been deleted."
	errNoHDDBackup       = "The backup has no secondary HDD to restore."
	errPhoneUnverified   = "Please verify your mobile phone number before creating a server."
	errUnpaidInvoices    = "You have unpaid or overdue invoices. Please pay them before creating a server."
	errNoBalance         = "Your credit balance must be positive to create a server."
	errResellerCredit    = "Your credit balance is not enough for this package."
	errNewServerCap      = "You have reached the maximum number of servers you can create without sufficient credit balance."
)

// msg is a message of the table above: a failure text, a fmt format where
// it quotes values.
type msg string

// reasons files each failure message under its journal reason.
var reasons = map[msg]journal.Reason{
	errInvalidChecksum: journal.ReasonBadSignature,
	errInvalidUserID:   journal.ReasonUnknownKey,
	errMissingParamFmt: journal.ReasonMissingParam,
	errMaxAgeFmt:       journal.ReasonMissingParam,
	errUnknownFunction: journal.ReasonNotFound,
	errMethod:          journal.ReasonMethodNotAllowed,
	errBadRequest:      journal.ReasonValidation,
	errInternal:        journal.ReasonInternal,
	errBodyTooLarge:    journal.ReasonBodyTooLarge,
	errServiceFault:    journal.ReasonFault,

	errServerNotFound:   journal.ReasonNotFound,
	errSnapshotNotFound: journal.ReasonNotFound,
	errShareNotFound:    journal.ReasonNotFound,
	errPermissionDenied: journal.ReasonForbidden,

	errShareWithOwner:   journal.ReasonValidation,
	errIPNotOnServer:    journal.ReasonValidation,
	errTemplateNotFound: journal.ReasonValidation,
	errVariantNotFound:  journal.ReasonValidation,
	errArchNotFound:     journal.ReasonValidation,
	errHostname:         journal.ReasonValidation,
	errEmail:            journal.ReasonValidation,
	errPassword:         journal.ReasonValidation,
	errRootPasswordLen:  journal.ReasonValidation,
	errRootPasswordISO:  journal.ReasonValidation,
	errSSHKeysCount:     journal.ReasonValidation,
	errSSHKeyInvalid:    journal.ReasonValidation,
	errTooLongFmt:       journal.ReasonValidation,
	errEnumFmt:          journal.ReasonValidation,
	errIntRangeFmt:      journal.ReasonValidation,
	errURLFmt:           journal.ReasonValidation,
	errIPv4Fmt:          journal.ReasonValidation,
	errIPFmt:            journal.ReasonValidation,
	errColorFmt:         journal.ReasonValidation,

	errServerCanceled:    journal.ReasonState,
	errServerSuspended:   journal.ReasonState,
	errServerPending:     journal.ReasonState,
	errServerInstalling:  journal.ReasonState,
	errMustBeOffHostname: journal.ReasonState,
	errMustBeOffPassword: journal.ReasonState,
	errSnapshotInactive:  journal.ReasonState,
	errSnapshotNoTmpl:    journal.ReasonState,
	errSnapshotTooBig:    journal.ReasonState,
	errSnapshotDeleted:   journal.ReasonState,
	errNoHDDBackup:       journal.ReasonState,
	errPhoneUnverified:   journal.ReasonState,
	errUnpaidInvoices:    journal.ReasonState,

	errNoBalance:      journal.ReasonInsufficientFunds,
	errResellerCredit: journal.ReasonInsufficientFunds,
	errNewServerCap:   journal.ReasonInsufficientFunds,
}

// Text fills the message with args.
func (m msg) Text(args ...any) string {
	if len(args) == 0 {
		return string(m)
	}
	return fmt.Sprintf(string(m), args...)
}

// Status is 200: NODE answers every call with it, failures included.
func (m msg) Status() int { return http.StatusOK }

// Reason is the message's journal reason.
func (m msg) Reason() journal.Reason {
	if r, ok := reasons[m]; ok {
		return r
	}
	return journal.ReasonInternal
}

// value kinds an object may hold: string, int, int64, number, *object.

// number is a JSON number kept as its exact decimal text (prices, sizes).
type number string

// field is one key of an object.
type field struct {
	key string
	val any
}

// object is an ordered JSON object. A list object (keys "0", "1", …) renders
// its items as <record> elements in XML.
type object struct {
	fields []field
	list   bool
}

// obj builds an object from key, value pairs.
func obj(kv ...any) *object {
	o := &object{}
	for i := 0; i+1 < len(kv); i += 2 {
		o.add(kv[i].(string), kv[i+1])
	}
	return o
}

func (o *object) add(k string, v any) *object {
	o.fields = append(o.fields, field{k, v})
	return o
}

// listOf renders items as an index-keyed object ("0", "1", …).
func listOf(items []*object) *object {
	o := &object{list: true}
	for i, it := range items {
		o.add(strconv.Itoa(i), it)
	}
	return o
}

// format is the response format asked with format=.
type format int

const (
	formatJSON format = iota
	formatXML
)

// parseFormat maps the format parameter; anything unknown means JSON (spec §5.3).
func parseFormat(s string) format {
	if strings.EqualFold(s, "xml") {
		return formatXML
	}
	return formatJSON
}

// writeEnvelope writes {"code","message","data"} in the asked format. NODE
// answers every call with HTTP 200, failures included.
func writeEnvelope(w http.ResponseWriter, f format, status int, code, message string, data *object) {
	if data == nil {
		data = &object{}
	}
	var b strings.Builder
	if f == formatXML {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
		// Three top-level siblings and no root element, as the docs show.
		b.WriteString("<code>" + xmlText(code) + "</code>\n")
		b.WriteString("<message>" + xmlText(message) + "</message>\n")
		writeXMLElement(&b, "data", data, 0)
		b.WriteString("\n")
	} else {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		b.WriteString(`{"code":`)
		writeJSONString(&b, code)
		b.WriteString(`,"message":`)
		writeJSONString(&b, message)
		b.WriteString(`,"data":`)
		writeJSONValue(&b, data)
		b.WriteString("}")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

func writeJSONValue(b *strings.Builder, v any) {
	switch x := v.(type) {
	case string:
		writeJSONString(b, x)
	case int, int64, number:
		b.WriteString(fmt.Sprint(x))
	case *object:
		b.WriteByte('{')
		for i, f := range x.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, f.key)
			b.WriteByte(':')
			writeJSONValue(b, f.val)
		}
		b.WriteByte('}')
	default:
		panic(fmt.Sprintf("nodeco: no JSON form for %T", v))
	}
}

// writeJSONString escapes like PHP's json_encode with default flags ("/" as
// "\/", non-ASCII as \uXXXX); invalid UTF-8 becomes U+FFFD first.
func writeJSONString(b *strings.Builder, s string) {
	verify.WriteJSONString(b, verify.StylePHP, strings.ToValidUTF8(s, "\uFFFD"))
}

func writeXMLElement(b *strings.Builder, name string, v any, depth int) {
	indent := strings.Repeat("    ", depth)
	b.WriteString(indent + "<" + name + ">")
	switch x := v.(type) {
	case *object:
		if len(x.fields) == 0 {
			break
		}
		b.WriteString("\n")
		for _, f := range x.fields {
			child := f.key
			if x.list {
				child = "record"
			}
			writeXMLElement(b, child, f.val, depth+1)
			b.WriteString("\n")
		}
		b.WriteString(indent)
	case string:
		b.WriteString(xmlText(x))
	case int, int64, number:
		b.WriteString(fmt.Sprint(x))
	default:
		panic(fmt.Sprintf("nodeco: no XML form for %T", v))
	}
	b.WriteString("</" + name + ">")
}

// xmlText escapes character data; bytes XML cannot carry are dropped.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fmtMsg fills a message template.
func fmtMsg(template string, args ...any) string { return fmt.Sprintf(template, args...) }
