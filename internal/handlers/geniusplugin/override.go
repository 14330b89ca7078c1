package geniusplugin

import (
	"maps"
	"net/http"
	"slices"

	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// Endpoints names the API endpoints as overrides and faults spell them.
func (p *Provider) Endpoints() []string { return slices.Collect(maps.Keys(endpoints)) }

// OverrideHeaders are the headers of every GeniusPlugin API answer.
func (p *Provider) OverrideHeaders(r *http.Request) http.Header {
	return http.Header{"Content-Type": {"application/json"}}
}

// EncodeOverride encodes v as PHP's json_encode does, like writeJSON.
func (p *Provider) EncodeOverride(r *http.Request, v any) ([]byte, error) {
	return jsonv.Encode(v, jsonv.StylePHP), nil
}
