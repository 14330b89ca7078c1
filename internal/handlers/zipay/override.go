package zipay

import (
	"maps"
	"net/http"
	"slices"

	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// Endpoints names the API methods as overrides and faults spell them.
func (p *Provider) Endpoints() []string { return slices.Collect(maps.Keys(methods)) }

// OverrideHeaders are the headers of every Zipay API answer.
func (p *Provider) OverrideHeaders(r *http.Request) http.Header {
	return http.Header{"Content-Type": {"application/json"}}
}

// EncodeOverride encodes v as jsonBytes does: no HTML escaping.
func (p *Provider) EncodeOverride(r *http.Request, v any) ([]byte, error) {
	return jsonv.Encode(v, jsonv.StylePlain), nil
}
