package mocktest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Override pins a response on a provider's traffic (see POST
// /__admin/overrides). Zero fields take the defaults: every endpoint, no
// conditions, status 200, after authentication, unlimited uses, priority 0.
type Override struct {
	Provider string
	Endpoint string
	// Params, Headers and BodyContains must all hold for a request to match.
	Params       map[string]string
	Headers      map[string]string
	BodyContains string
	// Status is the HTTP status, 200 when 0; Header is added to the
	// provider's usual headers.
	Status int
	Header map[string]string
	// JSON, when not nil, is encoded as the provider encodes its answers
	// (any value encoding/json accepts; a json.RawMessage keeps its key
	// order); otherwise Body is sent as it is. String values of both are Go
	// templates over .Params, .Headers, .Now and .NowUnix.
	JSON any
	Body string
	// BeforeAuth answers before the provider checks anything; by default
	// the provider's authentication and guards run first and a refusal stands.
	BeforeAuth bool
	// Times limits the uses (0: unlimited). Priority: higher wins, then the newest.
	Times    int
	Priority int
}

// MarshalJSON writes the admin API's form.
func (o Override) MarshalJSON() ([]byte, error) {
	type match struct {
		Params       map[string]string `json:"params,omitempty"`
		Headers      map[string]string `json:"headers,omitempty"`
		BodyContains string            `json:"body_contains,omitempty"`
	}
	type response struct {
		Status  int               `json:"status,omitempty"`
		Headers map[string]string `json:"headers,omitempty"`
		Body    *string           `json:"body,omitempty"`
		JSON    any               `json:"json,omitempty"`
	}
	v := struct {
		Provider  string   `json:"provider"`
		Endpoint  string   `json:"endpoint,omitempty"`
		Match     match    `json:"match"`
		Response  response `json:"response"`
		AfterAuth bool     `json:"after_auth"`
		Times     *int     `json:"times,omitempty"`
		Priority  int      `json:"priority"`
	}{
		Provider: o.Provider, Endpoint: o.Endpoint,
		Match:     match{o.Params, o.Headers, o.BodyContains},
		Response:  response{Status: o.Status, Headers: o.Header, JSON: o.JSON},
		AfterAuth: !o.BeforeAuth, Priority: o.Priority,
	}
	if o.JSON == nil {
		v.Response.Body = &o.Body
	}
	if o.Times > 0 {
		v.Times = &o.Times
	}
	return json.Marshal(v)
}

// Override stores o and returns its id; invalid input fails the test with
// the server's message naming the field.
func (s *Server) Override(o Override) int64 {
	s.t.Helper()
	var out struct {
		ID int64 `json:"id"`
	}
	s.admin(http.MethodPost, "/__admin/overrides", o, &out)
	return out.ID
}

// RemoveOverride deletes one override; an unknown id fails the test.
func (s *Server) RemoveOverride(id int64) {
	s.t.Helper()
	s.admin(http.MethodDelete, "/__admin/overrides/"+strconv.FormatInt(id, 10), nil, nil)
}

// ClearOverrides deletes every override.
func (s *Server) ClearOverrides() {
	s.t.Helper()
	s.admin(http.MethodDelete, "/__admin/overrides", nil, nil)
}
