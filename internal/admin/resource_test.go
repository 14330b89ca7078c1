package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/store"
)

type thing struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type thingIn struct {
	ID   *string `json:"id"`
	Name *string `json:"name"`
}

type thingPatch struct {
	Name *string `json:"name"`
}

// things is a Resource over a map, with the refusals a provider returns.
func things() (Resource[thing, thingIn, thingPatch], map[string]thing) {
	m := map[string]thing{"a": {"a", "Alpha"}}
	find := func(id string) (thing, error) {
		if id == "boom" {
			return thing{}, errors.New("disk on fire")
		}
		t, ok := m[id]
		if !ok {
			return thing{}, fmt.Errorf("lookup: %w", store.ErrNotFound)
		}
		return t, nil
	}
	return Resource[thing, thingIn, thingPatch]{
		Singular: "thing", Plural: "things", Log: slog.New(slog.DiscardHandler),
		List: func(context.Context) ([]thing, error) { return nil, nil },
		Get:  func(_ context.Context, id string) (thing, error) { return find(id) },
		Create: func(_ context.Context, in thingIn) (thing, error) {
			if err := Require(Given("id", in.ID), Given("name", in.Name)); err != nil {
				return thing{}, err
			}
			if _, ok := m[*in.ID]; ok {
				return thing{}, Conflictf("id: %q is taken", *in.ID)
			}
			t := thing{ID: *in.ID}
			if in.Name != nil {
				t.Name = *in.Name
			}
			m[t.ID] = t
			return t, nil
		},
		Patch: func(_ context.Context, id string, in thingPatch) (thing, error) {
			t, err := find(id)
			if err != nil {
				return t, err
			}
			if in.Name != nil && *in.Name == "" {
				return t, Invalid(errors.New("name: must not be empty"))
			}
			if in.Name != nil {
				t.Name = *in.Name
			}
			m[id] = t
			return t, nil
		},
		Delete: func(_ context.Context, id string) error {
			if _, err := find(id); err != nil {
				return err
			}
			delete(m, id)
			return nil
		},
	}, m
}

func TestResource(t *testing.T) {
	res, m := things()
	r := chi.NewRouter()
	res.Mount(r)
	cases := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"empty list is []", "GET", "/things", "", 200, `{"things":[]}`},
		{"get", "GET", "/things/a", "", 200, `{"id":"a","name":"Alpha"}`},
		{"unknown id", "GET", "/things/zz", "", 404, `{"error":"thing zz not found"}`},
		{"store failure", "GET", "/things/boom", "", 500, `{"error":"disk on fire"}`},
		{"create", "POST", "/things", `{"id":"b","name":"Beta"}`, 201, `{"id":"b","name":"Beta"}`},
		{"create refused", "POST", "/things", `{"name":"x"}`, 400, `{"error":"id: required"}`},
		{"second required field", "POST", "/things", `{"id":"x"}`, 400, `{"error":"name: required"}`},
		{"create conflict", "POST", "/things", `{"id":"a","name":""}`, 409, `{"error":"id: \"a\" is taken"}`},
		{"unknown field", "POST", "/things", `{"id":"c","name":"","colour":"red"}`, 400, `{"error":"bad JSON body: json: unknown field \"colour\""}`},
		{"empty body", "PATCH", "/things/a", ``, 400, `{"error":"request body is empty: a JSON object is expected"}`},
		{"patch", "PATCH", "/things/a", `{"name":"Aleph"}`, 200, `{"id":"a","name":"Aleph"}`},
		{"patch invalid", "PATCH", "/things/a", `{"name":""}`, 400, `{"error":"name: must not be empty"}`},
		{"patch unknown", "PATCH", "/things/zz", `{"name":"x"}`, 404, `{"error":"thing zz not found"}`},
		{"patch takes no id", "PATCH", "/things/a", `{"id":"x"}`, 400, `{"error":"bad JSON body: json: unknown field \"id\""}`},
		{"delete", "DELETE", "/things/b", "", 204, ``},
		{"delete again", "DELETE", "/things/b", "", 404, `{"error":"thing b not found"}`},
	}
	for _, c := range cases {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(c.method, c.path, strings.NewReader(c.body)))
		assert.Equal(t, c.status, w.Code, c.name)
		want := c.want
		if want != "" {
			want += "\n"
			assert.Equal(t, "application/json", w.Header().Get("Content-Type"), c.name)
		}
		assert.Equal(t, want, w.Body.String(), c.name)
	}
	assert.Equal(t, map[string]thing{"a": {"a", "Aleph"}}, m, "refused requests stored nothing")
}

func TestResourceLeavesOutNilRoutes(t *testing.T) {
	res, _ := things()
	res.List, res.Delete = nil, nil
	r := chi.NewRouter()
	res.Mount(r)
	for _, c := range []struct {
		method, path string
		status       int
	}{{"GET", "/things", http.StatusMethodNotAllowed}, {"DELETE", "/things/a", http.StatusMethodNotAllowed}, {"GET", "/things/a", http.StatusOK}} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		assert.Equal(t, c.status, w.Code, c.method+" "+c.path)
	}
}

func TestStoreErrorAnswersRefusals(t *testing.T) {
	w := httptest.NewRecorder()
	err := fmt.Errorf("in a transaction: %w", Conflictf("api_key %s is used by another account", "k3"))
	assert.True(t, StoreError(w, slog.New(slog.DiscardHandler), err, "unused"))
	assert.Equal(t, 409, w.Code)
	assert.Equal(t, `{"error":"api_key k3 is used by another account"}`+"\n", w.Body.String())
}

func TestTables(t *testing.T) {
	nums := func(context.Context) ([]int, error) { return []int{1, 2}, nil }
	views, err := Tables(context.Background(),
		TableOf("Numbers", []string{"n"}, nums, func(n int) []string { return []string{fmt.Sprint(n)} }),
		TableOf("Empty", []string{"x"}, func(context.Context) ([]int, error) { return nil, nil }, func(int) []string { return nil }))
	assert.NoError(t, err)
	assert.Equal(t, []StateView{{Title: "Numbers", Columns: []string{"n"}, Rows: [][]string{{"1"}, {"2"}}}, {Title: "Empty", Columns: []string{"x"}}}, views)

	_, err = Tables(context.Background(), TableOf("Broken", nil, func(context.Context) ([]int, error) { return nil, errors.New("gone") }, func(int) []string { return nil }))
	assert.EqualError(t, err, "Broken: gone")
}
