package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/mocksuite/mocksuite/internal/journal"
)

// Interceptor lets the control plane answer a request before the provider
// does (fault injection). It returns true when it has answered.
type Interceptor interface {
	Intercept(w http.ResponseWriter, r *http.Request, p Provider) bool
}

// Wrap puts the common middleware around a provider mounted under prefix
// ("" when reached by its real Host name).
func Wrap(p Provider, deps Deps, ring *journal.Ring, prefix string, faults Interceptor, opts ...WrapOption) http.Handler {
	var o wrapOptions
	for _, opt := range opts {
		opt(&o)
	}
	routes := p.Routes()
	limit := deps.Config.BodyLimit
	debugOn := deps.Config.Debug
	name := p.Name()
	answers := &answerMemo{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := NewRecorder(w, journal.MaxBody+1)
		note := journal.NewNote(w.Header(), debugOn)
		ip := deps.IPs.ClientIP(r)
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		r = WithRequestInfo(r, ip, scheme+"://"+r.Host+prefix)
		r = r.WithContext(journal.WithNote(r.Context(), note))
		if o.afterAuth != nil {
			r = r.WithContext(contextWithHook(r, o.afterAuth, name))
		}

		body, tooLarge, readErr := readBody(r, limit)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				deps.Logger.Error("panic in handler", "provider", name, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				journal.Fail(r.Context(), journal.ReasonPanic, fmt.Sprint(v))
				if !rec.Wrote {
					p.WriteFailure(rec, r, Failure{Kind: FailInternal})
				}
			}
			record(ring, deps, name, r, rec, note, body, start, answers)
		}()
		switch {
		case tooLarge:
			journal.Reject(r.Context(), journal.ReasonBodyTooLarge, fmt.Sprintf("request body over the %d-byte limit", limit))
			p.WriteFailure(rec, r, Failure{Kind: FailBodyTooLarge})
			return
		case readErr != nil:
			journal.Reject(r.Context(), journal.ReasonBadBody, "request body could not be read: "+readErr.Error())
			p.WriteFailure(rec, r, Failure{Kind: FailInternal})
			return
		}
		if faults != nil && faults.Intercept(rec, r, p) {
			return
		}
		routes.ServeHTTP(rec, r)
	})
}

// readBody buffers the body up to limit bytes so handlers (and the journal) can
// read it, and reports a body over the limit.
func readBody(r *http.Request, limit int64) ([]byte, bool, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, false, nil
	}
	if r.ContentLength > limit {
		return nil, true, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	_ = r.Body.Close()
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, true, nil
		}
		return nil, false, err
	}
	if int64(len(b)) > limit {
		return nil, true, nil
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return b, false, nil
}

func record(ring *journal.Ring, deps Deps, provider string, r *http.Request, rec *Recorder, note *journal.Note, body []byte, start time.Time, answers *answerMemo) {
	endpoint, outcome, reason, explanation := note.Snapshot()
	if outcome == "" {
		switch {
		case rec.Status >= 500:
			outcome = journal.OutcomeError
		case rec.Status >= 400:
			outcome = journal.OutcomeRejected
		default:
			outcome = journal.OutcomeOK
		}
	}
	ip := ClientIP(r)
	e := journal.Entry{
		Time:         deps.Clock.Now().UTC(),
		Provider:     provider,
		Endpoint:     endpoint,
		Method:       r.Method,
		Path:         r.URL.Path,
		Query:        MaskQuery(r.URL.RawQuery),
		Status:       rec.Status,
		Outcome:      outcome,
		Reason:       reason,
		Explanation:  explanation,
		DurationMS:   float64(time.Since(start).Microseconds()) / 1000,
		RequestHdr:   maskHeaders(r.Header),
		RequestBody:  journal.Truncate([]byte(MaskBody(body, r.Header.Get("Content-Type")))),
		ResponseBody: answers.journalCopy(rec.Body.Bytes()),
		OverrideID:   note.OverrideID(),
	}
	if ip.IsValid() {
		e.ClientIP = ip.String()
	}
	ring.Add(e)
	if outcome != journal.OutcomeOK {
		deps.Logger.Debug("request refused", slog.String("provider", provider), slog.String("endpoint", endpoint), slog.Int("status", rec.Status), slog.String("reason", reason), slog.String("explanation", journal.Cut(explanation, journal.MaxText)))
	}
}
