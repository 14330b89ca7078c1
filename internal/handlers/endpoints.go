package handlers

import (
	"slices"
	"sort"
)

// EndpointLister is implemented by providers that name their API endpoints
// (the names overrides, faults and the journal use).
type EndpointLister interface {
	Endpoints() []string
}

// PageLister is implemented by providers whose journal also names routes
// outside Endpoints: links and pages, and "unknown" for a refused path.
type PageLister interface {
	PageEndpoints() []string
}

// Endpoints returns every endpoint name the journal can record for p, sorted:
// its API endpoints and its pages. It is nil when p names none, so that
// callers can tell "no list" from "no such name".
func Endpoints(p Provider) []string {
	var out []string
	if el, ok := p.(EndpointLister); ok {
		out = append(out, el.Endpoints()...)
	}
	if pl, ok := p.(PageLister); ok {
		out = append(out, pl.PageEndpoints()...)
	}
	if out == nil {
		return nil
	}
	return SortedNames(out)
}

// SortedNames returns names sorted and without duplicates, as a new slice.
func SortedNames(names []string) []string {
	out := slices.Clone(names)
	sort.Strings(out)
	return slices.Compact(out)
}
