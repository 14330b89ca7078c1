package overrides

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
)

// maxSpec bounds an override's JSON: a body to answer with, not an upload.
const maxSpec = 1 << 20

// Mount adds the override routes to the /__admin router:
// POST/GET/DELETE /overrides, GET/DELETE /overrides/{id}.
func (g *Registry) Mount(r chi.Router) {
	r.Post("/overrides", g.create)
	r.Get("/overrides", g.list)
	r.Delete("/overrides", g.clear)
	r.Get("/overrides/{id}", g.get)
	r.Delete("/overrides/{id}", g.remove)
}

func (g *Registry) create(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxSpec+1))
	if err != nil {
		admin.Errorf(w, http.StatusBadRequest, "request body could not be read: %v", err)
		return
	}
	if len(raw) > maxSpec {
		admin.Errorf(w, http.StatusRequestEntityTooLarge, "an override is at most %d bytes of JSON", maxSpec)
		return
	}
	o, err := g.Create(r.Context(), raw)
	if err != nil {
		g.writeErr(w, err)
		return
	}
	admin.WriteJSON(w, http.StatusCreated, o)
}

func (g *Registry) writeErr(w http.ResponseWriter, err error) {
	var in *InputError
	if errors.As(err, &in) {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	admin.Internal(w, g.logger, err)
}

func (g *Registry) list(w http.ResponseWriter, r *http.Request) {
	admin.WriteJSON(w, http.StatusOK, map[string]any{"overrides": g.List()})
}

func (g *Registry) clear(w http.ResponseWriter, r *http.Request) {
	if err := g.Clear(r.Context(), ""); err != nil {
		admin.Internal(w, g.logger, err)
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"overrides": []Override{}})
}

func idParam(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		admin.WriteError(w, http.StatusBadRequest, "override id must be an integer")
		return 0, false
	}
	return id, true
}

func (g *Registry) get(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(w, r)
	if !ok {
		return
	}
	o, ok := g.Get(id)
	if !ok {
		admin.Errorf(w, http.StatusNotFound, "override %d not found", id)
		return
	}
	admin.WriteJSON(w, http.StatusOK, o)
}

func (g *Registry) remove(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(w, r)
	if !ok {
		return
	}
	o, err := g.Remove(r.Context(), id)
	if admin.StoreError(w, g.logger, err, fmt.Sprintf("override %d not found", id)) {
		return
	}
	admin.WriteJSON(w, http.StatusOK, o)
}
