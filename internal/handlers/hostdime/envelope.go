package hostdime

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// errKind names every error the emulator answers with.
type errKind int

const (
	errNotPOST errKind = iota
	errUnknownMethod
	errFormat
	errCallback
	errMissingAuth
	errBadKey
	errTimestamp
	errDuplicate
	errBadHash
	errMissingParam
	errInvalidParam
	errNotFound
	errIPNotFound
	errSuspended
	errHeldByHostDime
	errTooLarge
	errInternal
)

// message is one row of the error table: the envelope's error.code, the
// error.message (with %s for the reflected name where it has one) and the
// journal's reason code.
type message struct {
	code   int
	text   string
	reason journal.Reason
}

// messages is every code and text the emulator answers with. No public
// HostDime source shows an error text; these are the spec's proposal (§6),
// plus the state and validation errors the emulator needs. One edit here
// corrects a text everywhere.
var messages = [...]message{
	errNotPOST:        {405, "Only POST requests are accepted", journal.ReasonMethodNotAllowed},
	errUnknownMethod:  {404, "Unknown API method: %s", journal.ReasonNotFound},
	errFormat:         {415, "Unsupported response format: %s", journal.ReasonValidation},
	errCallback:       {400, "Invalid JSONP callback name", journal.ReasonValidation},
	errMissingAuth:    {401, "Missing authentication parameters", journal.ReasonMissingParam},
	errBadKey:         {401, "Invalid API key", journal.ReasonUnknownKey},
	errTimestamp:      {401, "Request timestamp is invalid or expired", journal.ReasonTimeWindow},
	errDuplicate:      {409, "Duplicate request: api_unique has already been used", journal.ReasonReplay},
	errBadHash:        {401, "Invalid API hash", journal.ReasonBadSignature},
	errMissingParam:   {400, "Missing required parameter: %s", journal.ReasonMissingParam},
	errInvalidParam:   {400, "Invalid value for parameter: %s", journal.ReasonValidation},
	errNotFound:       {404, "Service not found: %s", journal.ReasonNotFound},
	errIPNotFound:     {404, "IP address not found: %s", journal.ReasonNotFound},
	errSuspended:      {409, "Service is suspended: %s", journal.ReasonState},
	errHeldByHostDime: {403, "Service was suspended by HostDime and cannot be unsuspended through the API: %s", journal.ReasonForbidden},
	errTooLarge:       {413, "Request body too large", journal.ReasonBodyTooLarge},
	errInternal:       {500, "Internal server error", journal.ReasonInternal},
}

// maxReflected bounds the length of a client value quoted back in a message.
const maxReflected = 200

// apiError is an error answer on its way out: the entry of the message
// table and, for entries that quote one, the name in Args[0].
type apiError = handlers.Refusal[errKind]

func fail(kind errKind, arg, explain string) *apiError {
	return handlers.Refuse(kind, explain, arg)
}

// Text renders the entry's message, quoting the name it refers to.
func (k errKind) Text(args ...any) string {
	m := messages[k]
	if !strings.Contains(m.text, "%s") {
		return m.text
	}
	arg := ""
	if len(args) > 0 {
		arg, _ = args[0].(string)
	}
	if len(arg) > maxReflected {
		arg = arg[:maxReflected]
	}
	return fmt.Sprintf(m.text, arg)
}

// Status is the entry's error.code.
func (k errKind) Status() int { return messages[k].code }

// Reason is the entry's journal reason.
func (k errKind) Reason() journal.Reason { return messages[k].reason }

// Response formats.
const (
	fmtJSON = "json"
	fmtXML  = "xml"
	fmtYAML = "yml"
)

// field and object model a response with its field order kept, so the JSON,
// XML and YAML bodies all list fields in the same, documented order. Values
// are nil, string, int, bool, object or []any.
type field struct {
	k string
	v any
}

type object []field

// All yields the fields in order: the JSON form is jsonv's encoding.
func (o object) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		for _, f := range o {
			if !yield(f.k, f.v) {
				return
			}
		}
	}
}

// output says how to render an answer: the format and, for JSONP, the callback.
type output struct {
	format   string
	callback string
}

// writeOK writes {"error":null,"response":v} in the requested format.
func (p *Provider) writeOK(w http.ResponseWriter, out output, v any) {
	writeEnvelope(w, out, http.StatusOK, object{{"error", nil}, {"response", v}})
}

// writeErr records the refusal in the journal and writes the error envelope,
// with HTTP 200 like the real API unless hostdime.http_errors asks for the code.
func (p *Provider) writeErr(w http.ResponseWriter, r *http.Request, out output, e *apiError) {
	e.Record(r.Context(), w)
	status := http.StatusOK
	if p.cfg.HTTPErrors {
		status = e.Msg.Status()
	}
	writeEnvelope(w, out, status, errorEnvelope(e.Msg.Status(), e.Error()))
}

func errorEnvelope(code int, text string) object {
	return object{{"error", object{{"code", code}, {"message", text}}}, {"response", nil}}
}

func writeEnvelope(w http.ResponseWriter, out output, status int, env object) {
	var body []byte
	var ctype string
	switch out.format {
	case fmtXML:
		body, ctype = renderXML(env), "application/xml"
	case fmtYAML:
		var err error
		body, err = renderYAML(env)
		if err != nil {
			// Only a bug of ours can fail here; the JSON form still answers.
			body, ctype, status = renderJSON(errorEnvelope(messages[errInternal].code, messages[errInternal].text)), "application/json", http.StatusInternalServerError
		} else {
			ctype = "text/yaml"
		}
	default:
		body, ctype = renderJSON(env), "application/json"
		if out.callback != "" {
			body = append(append([]byte(out.callback+"("), body...), ");"...)
			ctype = "application/javascript"
		}
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// renderJSON writes v the way PHP's json_encode does (the service is PHP):
// no whitespace, "/" as `\/`, non-ASCII as \uXXXX. That keeps the body pure
// ASCII, so it is also safe inside a JSONP call.
func renderJSON(v any) []byte { return jsonv.Encode(v, jsonv.StylePHP) }

// renderXML writes the spec's proposed layout (§7.2): an <xml> root, one
// element per field, lists as <item> children, null as an empty element.
func renderXML(env object) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<xml>")
	for _, f := range env {
		writeXMLElem(&b, f.k, f.v)
	}
	b.WriteString("</xml>")
	return b.Bytes()
}

func writeXMLElem(b *bytes.Buffer, name string, v any) {
	open, closing := "<"+name, "</"+name+">"
	if !xmlName(name) {
		// Echoed parameter names can be anything; they go in an attribute.
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(name))
		open, closing = `<item key="`+esc.String()+`"`, "</item>"
	}
	if v == nil {
		b.WriteString(open + "/>")
		return
	}
	b.WriteString(open + ">")
	switch x := v.(type) {
	case string:
		_ = xml.EscapeText(b, []byte(x))
	case int, int64, bool:
		b.WriteString(fmt.Sprint(x))
	case object:
		for _, f := range x {
			writeXMLElem(b, f.k, f.v)
		}
	case []any:
		for _, e := range x {
			writeXMLElem(b, "item", e)
		}
	default:
		panic(fmt.Sprintf("hostdime: cannot render %T", v))
	}
	b.WriteString(closing)
}

// xmlName reports whether s can be used as an element name as it is
// (a conservative ASCII subset of XML names, never starting with "xml").
func xmlName(s string) bool {
	if s == "" || strings.HasPrefix(strings.ToLower(s), "xml") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// renderYAML writes the envelope as a YAML mapping (spec §7.1), two-space indent.
func renderYAML(env object) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(yamlNode(env)); err != nil {
		return nil, fmt.Errorf("hostdime: yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("hostdime: yaml: %w", err)
	}
	return b.Bytes(), nil
}

// yaml11Bool lists the plain words YAML 1.1 reads as booleans.
var yaml11Bool = map[string]bool{"y": true, "yes": true, "n": true, "no": true, "on": true, "off": true, "true": true, "false": true}

func yamlNode(v any) *yaml.Node {
	// The encoder refuses invalid UTF-8: such bytes become U+FFFD, as in the XML form.
	scalar := func(tag, s string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: strings.ToValidUTF8(s, "\uFFFD")}
	}
	switch x := v.(type) {
	case nil:
		return scalar("!!null", "null")
	case string:
		n := scalar("!!str", x)
		if yaml11Bool[strings.ToLower(x)] {
			// YAML 1.1 readers (Ruby's Psych, PyYAML) take these words as
			// booleans; quoted, every reader sees a string.
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	case int, int64:
		return scalar("!!int", fmt.Sprint(x))
	case bool:
		return scalar("!!bool", fmt.Sprint(x))
	case object:
		n := &yaml.Node{Kind: yaml.MappingNode}
		if len(x) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, f := range x {
			n.Content = append(n.Content, scalar("!!str", f.k), yamlNode(f.v))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		if len(x) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, e := range x {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	default:
		panic(fmt.Sprintf("hostdime: cannot render %T", v))
	}
}
