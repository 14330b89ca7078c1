package handlers

import (
	"context"
	"net/http"

	"github.com/mocksuite/mocksuite/internal/journal"
)

// The handler contract every provider follows: an endpoint handler returns
// its answer value or a *Refusal naming an entry of the provider's message
// table, which gives the text, the HTTP status and the journal reason. One
// serve function per provider records the verdict (Refusal.Record) and writes
// the provider's envelope, so no endpoint writes to the journal or to the
// response itself. Only the documented non-envelope answers (Zipay's payment
// page, HostDime's JSONP wrapping, GeniusPlugin's auto-login redirect and
// pages) are written directly.

// Message is a key of a provider's message table: it names one entry.
type Message interface {
	comparable
	// Text is the entry's answer text, args filled in where it quotes them.
	Text(args ...any) string
	// Status is the entry's HTTP status (or the code the envelope carries,
	// where the provider answers every call with 200).
	Status() int
	// Reason is the journal reason a refusal with the entry is filed under.
	Reason() journal.Reason
}

// Refusal is an endpoint's failure.
type Refusal[M Message] struct {
	// Msg is the message-table entry answered.
	Msg M
	// Args fill the entry's text (a name quoted back, a parameter at fault).
	Args []any
	// Explain tells the journal why, in more words than the answer; the
	// entry's text is used when it is empty.
	Explain string
	// Header holds response headers the refusal adds (Retry-After, Allow).
	Header http.Header
}

// Refuse builds a refusal of entry m; args fill the entry's text.
func Refuse[M Message](m M, explain string, args ...any) *Refusal[M] {
	return &Refusal[M]{Msg: m, Args: args, Explain: explain}
}

// Error is the answer text, so a refusal can travel through a store
// transaction as an error and come out unchanged.
func (r *Refusal[M]) Error() string { return r.Msg.Text(r.Args...) }

// Record files the refusal in the journal and adds its headers to w.
func (r *Refusal[M]) Record(ctx context.Context, w http.ResponseWriter) {
	explain := r.Explain
	if explain == "" {
		explain = r.Error()
	}
	Verdict(ctx, r.Msg.Status(), r.Msg.Reason(), explain)
	for k, vs := range r.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
}

// Verdict files a refusal in the journal: as an error of ours when it
// answers a 5xx status or its reason is ReasonInternal, else as a rejection.
func Verdict(ctx context.Context, status int, reason journal.Reason, explanation string) {
	if status >= 500 || reason == journal.ReasonInternal {
		journal.Fail(ctx, reason, explanation)
		return
	}
	journal.Reject(ctx, reason, explanation)
}
