package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
)

// OverrideBoard is what the dashboard's Overrides page works on; the
// overrides registry implements it.
type OverrideBoard interface {
	// BoardRows lists every override, newest first, as the page shows it.
	BoardRows() []OverrideRow
	// BoardCreate adds an override from its JSON; badInput says the error
	// is the user's and its text names the field at fault.
	BoardCreate(ctx context.Context, raw []byte) (id int64, badInput bool, err error)
	// BoardDelete removes one override; a store not-found when there is none.
	BoardDelete(ctx context.Context, id int64) error
}

// OverrideRow is one override on the dashboard, its fields as text.
type OverrideRow struct {
	ID                                      int64
	Provider, Endpoint, Match, Status, Left string
	Hits, Priority                          int
	AfterAuth                               bool
	Source                                  string
}

type overridesView struct {
	Rows  []OverrideRow
	Err   string
	Draft string // the JSON the form was sent with, kept when it was refused
	Added int64
}

// overrideExample fills the empty form: a Gempay order answered with an
// error its docs never show.
const overrideExample = `{"provider":"gempay","endpoint":"order",
 "response":{"status":200,"json":{"status":"error","message":"Server sibuk","code":200}},
 "times":1}`

func (a *api) mountOverridesUI(r chi.Router, csrf *http.CrossOriginProtection) {
	r.Get("/ui/overrides", a.uiOverrides)
	r.Method(http.MethodPost, "/ui/overrides", csrf.Handler(http.HandlerFunc(a.uiOverrideAdd)))
	r.Method(http.MethodPost, "/ui/overrides/{id}/delete", csrf.Handler(http.HandlerFunc(a.uiOverrideDelete)))
}

func (a *api) board(w http.ResponseWriter) (OverrideBoard, bool) {
	if a.d.Overrides == nil {
		WriteError(w, http.StatusNotFound, "overrides are not enabled on this server")
		return nil, false
	}
	return a.d.Overrides, true
}

func (a *api) uiOverrides(w http.ResponseWriter, r *http.Request) {
	b, ok := a.board(w)
	if !ok {
		return
	}
	v := overridesView{Rows: b.BoardRows(), Draft: overrideExample}
	v.Added, _ = strconv.ParseInt(r.URL.Query().Get("added"), 10, 64)
	a.render(w, r, "overrides", "Overrides", v)
}

func (a *api) uiOverrideAdd(w http.ResponseWriter, r *http.Request) {
	b, ok := a.board(w)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		WriteError(w, http.StatusBadRequest, "bad form: "+err.Error())
		return
	}
	raw := r.PostForm.Get("json")
	id, badInput, err := b.BoardCreate(r.Context(), []byte(raw))
	if err != nil {
		status := http.StatusBadRequest
		if !badInput {
			a.d.Logger.Error("dashboard: add override", "err", err)
			status = http.StatusInternalServerError
		}
		a.renderStatus(w, r, status, "overrides", "Overrides", overridesView{Rows: b.BoardRows(), Err: err.Error(), Draft: raw})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/__admin/ui/overrides?added=%d", id), http.StatusSeeOther)
}

func (a *api) uiOverrideDelete(w http.ResponseWriter, r *http.Request) {
	b, ok := a.board(w)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "override id must be an integer")
		return
	}
	if err := b.BoardDelete(r.Context(), id); err != nil {
		if StoreError(w, a.d.Logger, err, fmt.Sprintf("override %d not found", id)) {
			return
		}
	}
	http.Redirect(w, r, "/__admin/ui/overrides", http.StatusSeeOther)
}
