package handlers

import (
	"slices"
	"sort"
)

// EndpointLister is implemented by providers that name their endpoints: the
// names the journal records (journal.SetEndpoint) and faults match, so that
// admin queries and fault definitions can refuse a name that never occurs.
type EndpointLister interface {
	Endpoints() []string
}

// Endpoints returns p's endpoint names, sorted, or nil when p does not list them.
func Endpoints(p Provider) []string {
	el, ok := p.(EndpointLister)
	if !ok {
		return nil
	}
	return SortedNames(el.Endpoints())
}

// SortedNames returns names sorted and without duplicates, as a new slice.
func SortedNames(names []string) []string {
	out := slices.Clone(names)
	sort.Strings(out)
	return slices.Compact(out)
}
