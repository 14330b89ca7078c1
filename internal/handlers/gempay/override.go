package gempay

import (
	"net/http"

	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// Endpoints names the endpoints as overrides and faults spell them.
func (p *Provider) Endpoints() []string {
	return []string{"products", "order", "cek-status", "check-ml"}
}

// OverrideHeaders are the headers of every Gempay answer.
func (p *Provider) OverrideHeaders(r *http.Request) http.Header {
	return http.Header{"Content-Type": {"application/json"}}
}

// EncodeOverride encodes v as writeEnvelope does (encoding/json, HTML escaped).
func (p *Provider) EncodeOverride(r *http.Request, v any) ([]byte, error) {
	return jsonv.Encode(v, jsonv.StyleGo), nil
}
