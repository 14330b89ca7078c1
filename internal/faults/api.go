package faults

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
)

// Spec is the body of POST /__admin/faults. Pointers tell "absent" (take the
// default) from a given zero (an error where zero makes no sense).
type Spec struct {
	Provider    string   `json:"provider"`
	Endpoint    string   `json:"endpoint"`
	Kind        string   `json:"kind"`
	Status      *int     `json:"status"`
	Delay       string   `json:"delay"`
	Times       *int     `json:"times"`
	Probability *float64 `json:"probability"`
}

// Validate checks every field of s, naming the first bad one, and returns the
// fault it describes with its defaults filled in.
func (g *Registry) Validate(s Spec) (Fault, error) {
	f := Fault{Provider: s.Provider, Endpoint: s.Endpoint, Kind: s.Kind, Times: 1, Probability: 1}
	if _, ok := g.providers[s.Provider]; !ok {
		return f, fmt.Errorf("provider: %q is not one of %s", s.Provider, strings.Join(g.names, ", "))
	}
	if len(s.Endpoint) > 100 || strings.ContainsAny(s.Endpoint, "/? \t\r\n") {
		return f, fmt.Errorf(`endpoint: %q is not an endpoint name like "order", "getcredit" or "server.power.cycle"`, s.Endpoint)
	}
	if known := g.endpoints[s.Provider]; s.Endpoint != "" && known != nil && !slices.Contains(known, s.Endpoint) {
		// A typo would arm a fault that never fires.
		return f, fmt.Errorf("endpoint: %q is not an endpoint of %s (one of %s)", s.Endpoint, s.Provider, strings.Join(known, ", "))
	}
	switch s.Kind {
	case KindStatus, KindDelay, KindReset, KindEmpty, KindMalformed:
	default:
		return f, fmt.Errorf("kind: %q is not one of status, delay, reset, empty, malformed", s.Kind)
	}
	if s.Status != nil {
		if s.Kind != KindStatus {
			return f, fmt.Errorf(`status: only meaningful with kind "status", not %q`, s.Kind)
		}
		if *s.Status < 100 || *s.Status > 599 {
			return f, fmt.Errorf("status: %d is not an HTTP status between 100 and 599", *s.Status)
		}
		f.Status = *s.Status
	} else if s.Kind == KindStatus {
		f.Status = http.StatusInternalServerError
	}
	if s.Delay != "" {
		d, err := time.ParseDuration(s.Delay)
		if err != nil || d <= 0 || d > MaxDelay {
			return f, fmt.Errorf("delay: %q is not a Go duration above 0 and at most %s", s.Delay, MaxDelay)
		}
		f.delay, f.Delay = d, d.String()
	} else if s.Kind == KindDelay {
		return f, fmt.Errorf(`delay: required with kind "delay" (a Go duration such as "2s")`)
	}
	if s.Times != nil {
		if *s.Times < 1 {
			return f, fmt.Errorf("times: %d must be at least 1", *s.Times)
		}
		f.Times = *s.Times
	}
	if s.Probability != nil {
		if !(*s.Probability >= 0 && *s.Probability <= 1) {
			return f, fmt.Errorf("probability: %v is not between 0 and 1", *s.Probability)
		}
		f.Probability = *s.Probability
	}
	return f, nil
}

// KnowEndpoints tells the registry the endpoint names of a provider, so that
// a fault on any other name is refused. Call it before serving.
func (g *Registry) KnowEndpoints(provider string, names []string) {
	if g.endpoints == nil {
		g.endpoints = map[string][]string{}
	}
	var keep []string
	for _, n := range names {
		if n != "unknown" { // a catch-all of the journal, never a fault's target
			keep = append(keep, n)
		}
	}
	slices.Sort(keep)
	g.endpoints[provider] = slices.Compact(keep)
}

// Mount adds the fault routes to the /__admin router:
// POST/GET/DELETE /faults and DELETE /faults/{id}.
func (g *Registry) Mount(r chi.Router) {
	r.Post("/faults", g.create)
	r.Get("/faults", g.list)
	r.Delete("/faults", g.clear)
	r.Delete("/faults/{id}", g.remove)
}

func (g *Registry) create(w http.ResponseWriter, r *http.Request) {
	var s Spec
	if err := admin.DecodeJSON(r, &s); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	f, err := g.Validate(s)
	if err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	admin.WriteJSON(w, http.StatusCreated, g.Add(f))
}

func (g *Registry) list(w http.ResponseWriter, r *http.Request) {
	admin.WriteJSON(w, http.StatusOK, map[string]any{"faults": g.List()})
}

func (g *Registry) clear(w http.ResponseWriter, r *http.Request) {
	g.Clear("")
	admin.WriteJSON(w, http.StatusOK, map[string]any{"faults": []Fault{}})
}

func (g *Registry) remove(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		admin.WriteError(w, http.StatusBadRequest, "fault id must be an integer")
		return
	}
	f, ok := g.Remove(id)
	if !ok {
		admin.WriteError(w, http.StatusNotFound, fmt.Sprintf("fault %d is not armed", id))
		return
	}
	admin.WriteJSON(w, http.StatusOK, f)
}

// The registry is the dashboard's fault board.
var _ admin.FaultBoard = (*Registry)(nil)

// FaultViews lists the armed faults for the dashboard, oldest first.
func (g *Registry) FaultViews() []admin.FaultView {
	list := g.List()
	out := make([]admin.FaultView, len(list))
	for i, f := range list {
		out[i] = f.view()
	}
	return out
}

func (f Fault) view() admin.FaultView {
	return admin.FaultView{ID: f.ID, Provider: f.Provider, Endpoint: f.Endpoint, Kind: f.Kind, Status: f.Status,
		Delay: f.Delay, Times: f.Times, Probability: f.Probability}
}

// ArmForm arms the fault the dashboard's form describes, validated as the
// JSON API validates it; empty fields take the defaults.
func (g *Registry) ArmForm(form admin.FaultForm) (admin.FaultView, error) {
	s := Spec{Provider: form.Provider, Endpoint: strings.TrimSpace(form.Endpoint), Kind: form.Kind, Delay: strings.TrimSpace(form.Delay)}
	if v := strings.TrimSpace(form.Status); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return admin.FaultView{}, fmt.Errorf("status: %q is not an HTTP status between 100 and 599", v)
		}
		s.Status = &n
	}
	if v := strings.TrimSpace(form.Times); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return admin.FaultView{}, fmt.Errorf("times: %q must be a whole number of at least 1", v)
		}
		s.Times = &n
	}
	if v := strings.TrimSpace(form.Probability); v != "" {
		p, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return admin.FaultView{}, fmt.Errorf("probability: %q is not between 0 and 1", v)
		}
		s.Probability = &p
	}
	f, err := g.Validate(s)
	if err != nil {
		return admin.FaultView{}, err
	}
	return g.Add(f).view(), nil
}

// Disarm removes the fault with id and reports whether it was armed.
func (g *Registry) Disarm(id int64) bool {
	_, ok := g.Remove(id)
	return ok
}
