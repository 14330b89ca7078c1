package overrides

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/admin"
)

// BoardRows implements admin.OverrideBoard: the dashboard's rows, newest first.
func (g *Registry) BoardRows() []admin.OverrideRow {
	list := g.List()
	rows := make([]admin.OverrideRow, len(list))
	for i, o := range list {
		left := "unlimited"
		if o.Remaining != nil {
			left = strconv.Itoa(*o.Remaining)
		}
		rows[i] = admin.OverrideRow{ID: o.ID, Provider: o.Provider, Endpoint: o.Endpoint, Match: o.Match.String(),
			Status: strconv.Itoa(o.Response.Status), Left: left, Hits: o.Hits, Priority: o.Priority, AfterAuth: o.AfterAuth, Source: o.Source}
	}
	return rows
}

// BoardCreate implements admin.OverrideBoard.
func (g *Registry) BoardCreate(ctx context.Context, raw []byte) (int64, bool, error) {
	o, err := g.Create(ctx, raw)
	var in *InputError
	return o.ID, errors.As(err, &in), err
}

// BoardDelete implements admin.OverrideBoard.
func (g *Registry) BoardDelete(ctx context.Context, id int64) error {
	_, err := g.Remove(ctx, id)
	return err
}

// String shows the conditions on one line: params, then headers (each in
// name order), then the body text; "any request" when there are none.
func (m Match) String() string {
	var parts []string
	add := func(kind string, kv map[string]string) {
		keys := make([]string, 0, len(kv))
		for k := range kv {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			parts = append(parts, kind+k+"="+kv[k])
		}
	}
	add("", m.Params)
	add("header ", m.Headers)
	if m.BodyContains != "" {
		parts = append(parts, "body contains "+strconv.Quote(m.BodyContains))
	}
	if len(parts) == 0 {
		return "any request"
	}
	return strings.Join(parts, ", ")
}
