package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
)

// Resource serves one collection of a provider's admin API, the same way for
// every provider:
//
//	GET    /{plural}       {"<plural>":[…]}                         List
//	GET    /{plural}/{id}  the item; 404 {"error":"<singular> <id> not found"}  Get
//	POST   /{plural}       201 and the item                         Create
//	PATCH  /{plural}/{id}  200 and the item as it now is            Patch
//	DELETE /{plural}/{id}  204 without a body; 404 as for GET       Delete
//
// A nil function leaves its route out. V is an item as the API shows it, C
// the body of POST and P the body of PATCH (bodies are decoded strictly, so an
// unknown field answers 400 naming it). What stays with the provider is what
// differs: what an id means, which fields are valid, and the views.
//
// The functions answer a refusal by returning an *Error (BadRequest,
// Conflictf); the store's not-found answers 404; anything else is a failure
// of the mock (500, logged).
type Resource[V, C, P any] struct {
	Singular string // names one item in messages: "account"
	Plural   string // the path segment and the list's key: "accounts"
	Log      *slog.Logger

	List   func(ctx context.Context) ([]V, error)
	Get    func(ctx context.Context, id string) (V, error)
	Create func(ctx context.Context, in C) (V, error)
	Patch  func(ctx context.Context, id string, in P) (V, error)
	Delete func(ctx context.Context, id string) error
}

// Mount adds the resource's routes to r.
func (res Resource[V, C, P]) Mount(r chi.Router) {
	base := "/" + res.Plural
	if res.List != nil {
		r.Get(base, res.list)
	}
	if res.Get != nil {
		r.Get(base+"/{id}", res.get)
	}
	if res.Create != nil {
		r.Post(base, res.create)
	}
	if res.Patch != nil {
		r.Patch(base+"/{id}", res.patch)
	}
	if res.Delete != nil {
		r.Delete(base+"/{id}", res.delete)
	}
}

func (res Resource[V, C, P]) list(w http.ResponseWriter, r *http.Request) {
	ListView(res.Log, res.Plural, res.List)(w, r)
}

func (res Resource[V, C, P]) get(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	v, err := res.Get(r.Context(), id)
	res.answer(w, http.StatusOK, v, err, id)
}

func (res Resource[V, C, P]) create(w http.ResponseWriter, r *http.Request) {
	var in C
	if err := DecodeJSON(r, &in); err != nil {
		WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	v, err := res.Create(r.Context(), in)
	res.answer(w, http.StatusCreated, v, err, "")
}

func (res Resource[V, C, P]) patch(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var in P
	if err := DecodeJSON(r, &in); err != nil {
		WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	v, err := res.Patch(r.Context(), id, in)
	res.answer(w, http.StatusOK, v, err, id)
}

func (res Resource[V, C, P]) delete(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	if res.failed(w, res.Delete(r.Context(), id), id) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (res Resource[V, C, P]) answer(w http.ResponseWriter, status int, v V, err error, id string) {
	if !res.failed(w, err, id) {
		WriteJSON(w, status, v)
	}
}

func (res Resource[V, C, P]) failed(w http.ResponseWriter, err error, id string) bool {
	return StoreError(w, res.Log, err, res.Singular+" "+id+" not found")
}

// Error is a refusal of an admin request: the status it answers with and the
// message of its {"error":…} body.
type Error struct {
	Status int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// BadRequest refuses input with 400; the message names the field at fault.
func BadRequest(format string, args ...any) error {
	return &Error{Status: http.StatusBadRequest, Msg: fmt.Sprintf(format, args...)}
}

// Conflictf refuses with 409: an id or key another item already has.
func Conflictf(format string, args ...any) error {
	return &Error{Status: http.StatusConflict, Msg: fmt.Sprintf(format, args...)}
}

// Field is a body field a route requires and whether the request gave it.
type Field struct {
	Name  string
	Given bool
}

// Given is the Field of an optional body field: given when not nil.
func Given[T any](name string, v *T) Field { return Field{Name: name, Given: v != nil} }

// Require refuses with 400 "<name>: required" for the first field not given.
func Require(fields ...Field) error {
	for _, f := range fields {
		if !f.Given {
			return BadRequest("%s: required", f.Name)
		}
	}
	return nil
}

// refusal reports err as an *Error when it is one.
func refusal(err error) (*Error, bool) {
	var e *Error
	return e, errors.As(err, &e)
}

// Invalid wraps a validation error as a 400 refusal (nil stays nil).
func Invalid(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := refusal(err); ok {
		return err
	}
	return &Error{Status: http.StatusBadRequest, Msg: err.Error()}
}
