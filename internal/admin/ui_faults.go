package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
)

// FaultView is one armed fault as the dashboard lists it.
type FaultView struct {
	ID          int64
	Provider    string
	Endpoint    string
	Kind        string
	Status      int
	Delay       string
	Times       int
	Probability float64
}

// FaultForm is the dashboard's arm form as typed: empty fields take the
// defaults of POST /__admin/faults.
type FaultForm struct {
	Provider, Endpoint, Kind, Status, Delay, Times, Probability string
}

// FaultBoard is the fault registry as the dashboard drives it. Package
// faults implements it (it imports this package, so the interface is here).
type FaultBoard interface {
	FaultViews() []FaultView
	// ArmForm validates f as POST /__admin/faults does and arms it.
	ArmForm(f FaultForm) (FaultView, error)
	Disarm(id int64) bool
	Clear(provider string)
}

// faultKinds are offered in the arm form, in this order.
var faultKinds = []string{"status", "delay", "reset", "empty", "malformed"}

type faultsView struct {
	Faults    []FaultView
	Providers []string
	Endpoints []string
	Kinds     []string
	Form      FaultForm
	Err       string
	Wired     bool
}

func (a *api) mountFaultsUI(r chi.Router, csrf *http.CrossOriginProtection) {
	r.Get("/ui/faults", func(w http.ResponseWriter, r *http.Request) {
		a.renderFaults(w, r, http.StatusOK, FaultForm{Kind: "status"}, "")
	})
	r.Method(http.MethodPost, "/ui/faults", csrf.Handler(a.faultAction(a.uiArmFault)))
	r.Method(http.MethodPost, "/ui/faults/clear", csrf.Handler(a.faultAction(a.uiClearFaults)))
	r.Method(http.MethodPost, "/ui/faults/{id}/disarm", csrf.Handler(a.faultAction(a.uiDisarmFault)))
}

// faultAction serves a form of the Faults page: 404 while fault injection is
// not wired into this server, else do, then back to the page unless do has
// answered itself (it returns false).
func (a *api) faultAction(do func(w http.ResponseWriter, r *http.Request, faults FaultBoard) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.d.Faults == nil {
			WriteError(w, http.StatusNotFound, "fault injection is not wired into this server")
			return
		}
		if do(w, r, a.d.Faults) {
			http.Redirect(w, r, "/__admin/ui/faults", http.StatusSeeOther)
		}
	})
}

func (a *api) renderFaults(w http.ResponseWriter, r *http.Request, status int, form FaultForm, errMsg string) {
	v := faultsView{Providers: a.providerNames(), Kinds: faultKinds, Form: form, Err: errMsg, Wired: a.d.Faults != nil}
	var all []string
	for _, p := range a.d.Providers {
		all = append(all, handlers.Endpoints(p)...)
	}
	v.Endpoints = handlers.SortedNames(all)
	if a.d.Faults != nil {
		v.Faults = a.d.Faults.FaultViews()
	}
	// A refused form comes back with what was typed and why.
	a.renderStatus(w, r, status, "faults", "Faults", v)
}

func (a *api) uiArmFault(w http.ResponseWriter, r *http.Request, faults FaultBoard) bool {
	if err := r.ParseForm(); err != nil {
		WriteError(w, http.StatusBadRequest, "bad form: "+err.Error())
		return false
	}
	get := r.PostForm.Get
	f := FaultForm{Provider: get("provider"), Endpoint: get("endpoint"), Kind: get("kind"), Status: get("status"),
		Delay: get("delay"), Times: get("times"), Probability: get("probability")}
	if _, err := faults.ArmForm(f); err != nil {
		a.renderFaults(w, r, http.StatusBadRequest, f, err.Error())
		return false
	}
	return true
}

func (a *api) uiDisarmFault(w http.ResponseWriter, r *http.Request, faults FaultBoard) bool {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "fault id must be an integer")
		return false
	}
	if !faults.Disarm(id) {
		WriteError(w, http.StatusNotFound, fmt.Sprintf("fault %d is not armed", id))
		return false
	}
	return true
}

func (a *api) uiClearFaults(_ http.ResponseWriter, _ *http.Request, faults FaultBoard) bool {
	faults.Clear("")
	return true
}
