package journal

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// Note is what a handler tells the journal about the exchange it is serving:
// the endpoint name and, when it refuses the request, why. The capture
// middleware puts one in every request context.
type Note struct {
	mu          sync.Mutex
	endpoint    string
	outcome     string
	reason      string
	explanation string
	overrideID  int64

	header http.Header // the response headers, for X-Mock-Explain
	debug  bool
}

type noteKey struct{}

// NewNote returns a note that writes X-Mock-Explain into header when debug is on.
func NewNote(header http.Header, debug bool) *Note { return &Note{header: header, debug: debug} }

// WithNote attaches n to ctx.
func WithNote(ctx context.Context, n *Note) context.Context {
	return context.WithValue(ctx, noteKey{}, n)
}

// From returns the request's note, or nil (every method is nil-safe).
func From(ctx context.Context) *Note {
	n, _ := ctx.Value(noteKey{}).(*Note)
	return n
}

// SetEndpoint names the endpoint being served ("order", "server.get", …).
func SetEndpoint(ctx context.Context, name string) {
	if n := From(ctx); n != nil {
		n.mu.Lock()
		n.endpoint = name
		n.mu.Unlock()
	}
}

// Reject marks the exchange as refused for one of the shared reasons (see
// reasons.go) with a human explanation.
func Reject(ctx context.Context, reason Reason, explanation string) {
	mark(ctx, OutcomeRejected, reason, explanation)
}

// Fail marks the exchange as an error of the emulated provider (5xx kind).
func Fail(ctx context.Context, reason Reason, explanation string) {
	mark(ctx, OutcomeError, reason, explanation)
}

// MarkFault marks the exchange as answered by an injected fault.
func MarkFault(ctx context.Context, explanation string) {
	mark(ctx, OutcomeFault, ReasonFault, explanation)
}

// MarkOverride marks the exchange as answered by response override id.
func MarkOverride(ctx context.Context, id int64, explanation string) {
	mark(ctx, OutcomeOverride, ReasonOverride, explanation)
	if n := From(ctx); n != nil {
		n.mu.Lock()
		n.overrideID = id
		n.mu.Unlock()
	}
}

// OverrideID is the override that answered, 0 for none.
func (n *Note) OverrideID() int64 {
	if n == nil {
		return 0
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.overrideID
}

func mark(ctx context.Context, outcome string, reason Reason, explanation string) {
	n := From(ctx)
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.outcome, n.reason, n.explanation = outcome, string(reason), explanation
	if n.debug && explanation != "" && n.header != nil {
		n.header.Set("X-Mock-Explain", headerSafe(explanation))
	}
}

// Snapshot returns what handlers said.
func (n *Note) Snapshot() (endpoint, outcome, reason, explanation string) {
	if n == nil {
		return "", "", "", ""
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.endpoint, n.outcome, n.reason, n.explanation
}

// headerSafe keeps a header value on one printable ASCII line. Characters
// beyond ASCII are spelled out (± as +/-, é as e), never dropped to "?": the
// explanation must still say what it meant.
func headerSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
		case r > 0x7e:
			b.WriteString(transliterate(r))
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) > 2000 {
		out = out[:2000]
	}
	return out
}

// asciiFor spells the symbols explanations use in ASCII.
var asciiFor = map[rune]string{
	'±': "+/-", '…': "...", '→': "->", '←': "<-", '⇒': "=>", '—': "-", '–': "-", '−': "-",
	'‘': "'", '’': "'", '“': `"`, '”': `"`, '«': `"`, '»': `"`, '·': "*", '•': "*", '×': "x", '÷': "/",
	'≤': "<=", '≥': ">=", '≠': "!=", '≈': "~", '§': "S", '°': " deg", 'µ': "u", 'μ': "u",
	'\u00a0': " ", 'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE", 'ł': "l", 'Ł': "L",
	'€': "EUR", '£': "GBP", '¥': "JPY", '©': "(c)", '®': "(R)", '™': "(TM)",
}

// latin1Base maps the accented letters U+00C0-U+00FF to their base letters
// (one byte per code point; '_' where asciiFor or nothing applies).
const latin1Base = "AAAAAAACEEEEIIII" + "DNOOOOO_OUUUUY__" + "aaaaaaaceeeeiiii" + "dnooooo_ouuuuy_y"

// transliterate spells r in ASCII: a symbol by its usual spelling, a Latin
// letter without its accent, anything else as its code point (U+0631).
func transliterate(r rune) string {
	if s, ok := asciiFor[r]; ok {
		return s
	}
	if r >= 0xc0 && r <= 0xff && latin1Base[r-0xc0] != '_' {
		return string(latin1Base[r-0xc0])
	}
	return fmt.Sprintf("U+%04X", r)
}
