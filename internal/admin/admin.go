// Package admin serves the control plane under /__admin: health, reset, the
// request journal and the mock clock, as JSON in and out.
package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Deps is what the control plane works on.
type Deps struct {
	Version   string
	Clock     *clock.Controllable
	Store     *store.Store
	Journal   *journal.Ring
	IDs       *ids.Source
	Seed      int64
	Providers []handlers.Provider
	Logger    *slog.Logger
	// Hosts maps each real host name to its provider, for the dashboard.
	Hosts map[string]string
	// Credentials are each provider's documented sample credentials, which
	// the dashboard's overview shows.
	Credentials map[string][]handlers.Credential
	// Stores maps a provider to the store tables a reset of it reloads, when
	// it shares another's (virtdedi → nodeco); others reset their own.
	Stores map[string]string
	// OnReset, when set, is called after a successful reset with the
	// provider's name, or "" for a full reset (the fault registry clears).
	OnReset func(provider string)
	// Faults, when set, is the fault registry the dashboard's Faults page drives.
	Faults FaultBoard
	// Overrides, when set, backs the dashboard's Overrides page.
	Overrides OverrideBoard
}

// healthTimeout bounds the health check's probe write: a store that cannot
// take a write within it is reported degraded.
const healthTimeout = 2 * time.Second

// maxAdminBody bounds admin request bodies.
const maxAdminBody = 64 << 10

// New returns the /__admin router (mount it at /__admin).
func New(d Deps) chi.Router {
	a := &api{d: d}
	r := chi.NewRouter()
	r.Get("/health", a.health)
	r.Post("/reset", a.reset)
	r.Get("/requests", a.listRequests)
	r.Delete("/requests", a.clearRequests)
	r.Get("/requests/count", a.countRequests)
	r.Get("/requests/{id}", a.getRequest)
	r.Get("/stats", a.stats)
	r.Get("/clock", a.getClock)
	r.Post("/clock", a.setClock)
	a.mountUI(r)
	for _, p := range d.Providers {
		if m, ok := p.(handlers.AdminMounter); ok {
			r.Route("/"+p.Name(), m.MountAdmin)
		}
	}
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, http.StatusNotFound, "no admin route "+r.Method+" "+r.URL.Path)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed on "+r.URL.Path)
	})
	return r
}

type api struct{ d Deps }

// WriteJSON writes v with status as JSON (shared by provider admin routes).
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// WriteError answers {"error": msg}: the one error shape of every /__admin route.
func WriteError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, map[string]string{"error": msg})
}

// Errorf is WriteError with a formatted message.
func Errorf(w http.ResponseWriter, status int, format string, args ...any) {
	WriteError(w, status, fmt.Sprintf(format, args...))
}

// Conflict maps a store error to the 409 message an admin route answers with.
type Conflict struct {
	Err error
	Msg string
}

// StoreError answers a failed store call on an admin route and reports whether
// it answered: nil is no failure; a refusal (*Error) answers as it says; the
// store's not-found is 404 {"error": notFound}; a listed conflict is 409;
// anything else is ours (Internal).
func StoreError(w http.ResponseWriter, log *slog.Logger, err error, notFound string, conflicts ...Conflict) bool {
	if err == nil {
		return false
	}
	if e, ok := refusal(err); ok {
		WriteError(w, e.Status, e.Msg)
		return true
	}
	if store.IsNotFound(err) {
		WriteError(w, http.StatusNotFound, notFound)
		return true
	}
	for _, c := range conflicts {
		if errors.Is(err, c.Err) {
			WriteError(w, http.StatusConflict, c.Msg)
			return true
		}
	}
	Internal(w, log, err)
	return true
}

// Internal logs a failure of the mock itself and answers 500 with its text.
func Internal(w http.ResponseWriter, log *slog.Logger, err error) {
	log.Error("admin request failed", "err", err)
	WriteError(w, http.StatusInternalServerError, err.Error())
}

// DecodeJSON reads a bounded JSON body into v, refusing unknown fields.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxAdminBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("request body is empty: a JSON object is expected")
		}
		return fmt.Errorf("bad JSON body: %w", err)
	}
	return nil
}

func (a *api) health(w http.ResponseWriter, r *http.Request) {
	// A write, not a ping: a read-only file or a full disk must fail the check.
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if err := a.d.Store.Writable(ctx); err != nil {
		WriteJSON(w, http.StatusServiceUnavailable, struct {
			Status string `json:"status"`
			Reason string `json:"reason"`
		}{"degraded", err.Error()})
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": a.d.Version})
}

func (a *api) reset(w http.ResponseWriter, r *http.Request) {
	if err := a.doReset(r.Context(), r.URL.Query().Get("provider")); err != nil {
		var unknown errUnknownProvider
		if errors.As(err, &unknown) {
			WriteError(w, http.StatusNotFound, err.Error())
			return
		}
		WriteError(w, http.StatusInternalServerError, err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"status": "reset"})
}

type errUnknownProvider string

func (e errUnknownProvider) Error() string { return fmt.Sprintf("unknown provider %q", string(e)) }

// doReset resets one provider, or everything when name is "" (the API and the
// dashboard share it so that both reset the same things).
func (a *api) doReset(ctx context.Context, name string) error {
	var targets []handlers.Provider
	for _, p := range a.d.Providers {
		if name == "" || p.Name() == name {
			targets = append(targets, p)
		}
	}
	if name != "" && len(targets) == 0 {
		return errUnknownProvider(name)
	}
	storeName := name
	if s, ok := a.d.Stores[name]; ok {
		storeName = s
	}
	if err := a.d.Store.Reset(ctx, storeName); err != nil {
		a.d.Logger.Error("reset failed", "provider", name, "err", err)
		return err
	}
	for _, p := range targets {
		p.Reset()
	}
	if name == "" {
		a.d.Journal.Clear()
		a.d.Clock.Resume()
		a.d.IDs.Reseed(a.d.Seed)
	} else {
		a.d.Journal.ClearProvider(name)
	}
	if a.d.OnReset != nil {
		a.d.OnReset(name)
	}
	return nil
}

// filterFrom reads a journal query. A name that cannot match (a typo in an
// assertion) is an error naming the valid ones, never an empty answer.
func (a *api) filterFrom(r *http.Request) (journal.Filter, error) {
	q := r.URL.Query()
	f := journal.Filter{Provider: q.Get("provider"), Endpoint: q.Get("endpoint"), Outcome: q.Get("outcome")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return f, fmt.Errorf("limit: %q is not a non-negative integer", s)
		}
		f.Limit = n
	}
	if f.Outcome != "" && !slices.Contains(outcomes, f.Outcome) {
		return f, fmt.Errorf("outcome: %q is not one of %s", f.Outcome, strings.Join(outcomes, ", "))
	}
	var known []string
	if f.Provider != "" {
		i := slices.IndexFunc(a.d.Providers, func(p handlers.Provider) bool { return p.Name() == f.Provider })
		if i < 0 {
			return f, fmt.Errorf("provider: %q is not one of %s", f.Provider, strings.Join(a.providerNames(), ", "))
		}
		known = handlers.Endpoints(a.d.Providers[i])
		if f.Endpoint != "" && known != nil && !slices.Contains(known, f.Endpoint) {
			return f, fmt.Errorf("endpoint: %q is not an endpoint of %s (one of %s)", f.Endpoint, f.Provider, strings.Join(known, ", "))
		}
		return f, nil
	}
	if f.Endpoint != "" {
		var all []string
		for _, p := range a.d.Providers {
			all = append(all, handlers.Endpoints(p)...)
		}
		if all = handlers.SortedNames(all); !slices.Contains(all, f.Endpoint) {
			return f, fmt.Errorf("endpoint: %q is not an endpoint of any provider (one of %s)", f.Endpoint, strings.Join(all, ", "))
		}
	}
	return f, nil
}

func (a *api) listRequests(w http.ResponseWriter, r *http.Request) {
	f, err := a.filterFrom(r)
	if err != nil {
		WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"requests": a.d.Journal.List(f)})
}

func (a *api) countRequests(w http.ResponseWriter, r *http.Request) {
	f, err := a.filterFrom(r)
	if err != nil {
		WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	WriteJSON(w, http.StatusOK, map[string]int{"count": a.d.Journal.Count(f)})
}

func (a *api) getRequest(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "request id must be an integer")
		return
	}
	e, ok := a.d.Journal.Get(id)
	if !ok {
		WriteError(w, http.StatusNotFound, fmt.Sprintf("request %d is not in the journal", id))
		return
	}
	WriteJSON(w, http.StatusOK, e)
}

func (a *api) clearRequests(w http.ResponseWriter, r *http.Request) {
	a.d.Journal.Clear()
	WriteJSON(w, http.StatusOK, map[string]any{"requests": []journal.Entry{}})
}

type clockView struct {
	Now    string `json:"now"`
	Frozen bool   `json:"frozen"`
}

func (a *api) clockView() clockView {
	return clockView{Now: a.d.Clock.Now().UTC().Format(time.RFC3339), Frozen: a.d.Clock.Frozen()}
}

func (a *api) getClock(w http.ResponseWriter, r *http.Request) {
	WriteJSON(w, http.StatusOK, a.clockView())
}

func (a *api) setClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Set     *string `json:"set"`
		Advance *string `json:"advance"`
		Resume  *bool   `json:"resume"`
	}
	if err := DecodeJSON(r, &req); err != nil {
		WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	n := 0
	for _, set := range []bool{req.Set != nil, req.Advance != nil, req.Resume != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		WriteError(w, http.StatusBadRequest, `give exactly one of "set" (RFC 3339 time), "advance" (Go duration) or "resume" (true)`)
		return
	}
	switch {
	case req.Set != nil:
		t, err := time.Parse(time.RFC3339, *req.Set)
		if err != nil {
			WriteError(w, http.StatusBadRequest, fmt.Sprintf("set: %q is not an RFC 3339 time", *req.Set))
			return
		}
		a.d.Clock.Set(t)
	case req.Advance != nil:
		d, err := time.ParseDuration(*req.Advance)
		if err != nil || d < 0 {
			WriteError(w, http.StatusBadRequest, fmt.Sprintf("advance: %q is not a non-negative Go duration", *req.Advance))
			return
		}
		a.d.Clock.Advance(d)
	case req.Resume != nil:
		if !*req.Resume {
			WriteError(w, http.StatusBadRequest, `resume: only true is meaningful`)
			return
		}
		a.d.Clock.Resume()
	}
	WriteJSON(w, http.StatusOK, a.clockView())
}
