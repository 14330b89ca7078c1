package admin

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/go-chi/chi/v5"
)

// ListView serves a read-only list as {"<name>":[…]}: a provider's state
// views (orders, servers, invoices, …) and every resource's list.
func ListView[T any](log *slog.Logger, name string, read func(context.Context) ([]T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		list, err := read(r.Context())
		if err != nil {
			Internal(w, log, fmt.Errorf("%s: %w", name, err))
			return
		}
		if list == nil {
			list = []T{} // [] rather than null: an empty view is still a list
		}
		WriteJSON(w, http.StatusOK, map[string]any{name: list})
	}
}

// List is one read-only state view of a provider's admin API, named once:
// GET /<name> answers {"<name>":[…]} (ListView).
type List struct {
	name  string
	serve func(*slog.Logger) http.HandlerFunc
}

// ListOf is the view called name of the items read returns.
func ListOf[T any](name string, read func(context.Context) ([]T, error)) List {
	return List{name: name, serve: func(log *slog.Logger) http.HandlerFunc { return ListView(log, name, read) }}
}

// MountLists serves each of lists under r at /<its name>.
func MountLists(r chi.Router, log *slog.Logger, lists ...List) {
	for _, l := range lists {
		r.Get("/"+l.name, l.serve(log))
	}
}

// Views maps a list read from the store to the views the admin API shows:
// never nil, so an empty list answers [].
func Views[S, V any](list []S, view func(S) V) []V {
	out := make([]V, 0, len(list))
	for _, x := range list {
		out = append(out, view(x))
	}
	return out
}

// TableSource reads one table of a provider's dashboard state page.
type TableSource func(context.Context) (StateView, error)

// TableOf is the table titled title with the given columns and one row per
// item that read returns.
func TableOf[T any](title string, columns []string, read func(context.Context) ([]T, error), row func(T) []string) TableSource {
	return func(ctx context.Context) (StateView, error) {
		items, err := read(ctx)
		if err != nil {
			return StateView{}, fmt.Errorf("%s: %w", title, err)
		}
		v := StateView{Title: title, Columns: columns}
		for _, it := range items {
			v.Rows = append(v.Rows, row(it))
		}
		return v, nil
	}
}

// Tables reads the tables of a state page in order; the first failure ends it.
func Tables(ctx context.Context, sources ...TableSource) ([]StateView, error) {
	out := make([]StateView, 0, len(sources))
	for _, src := range sources {
		v, err := src(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Prefixes shows an IP whitelist the way whitelists are usually written (and
// the fixtures write them): a single-address prefix as the bare address.
func Prefixes(list []netip.Prefix) []string {
	out := make([]string, 0, len(list))
	for _, p := range list {
		if p.IsSingleIP() {
			out = append(out, p.Addr().String())
			continue
		}
		out = append(out, p.String())
	}
	return out
}
