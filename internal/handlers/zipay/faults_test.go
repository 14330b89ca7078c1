package zipay_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An injected status fault answers in Zipay's envelope with the documented
// refusal where there is one (403: INVALID_API_SIGN, spec §4 E1) and the
// mock's table otherwise. One row per entry of the mapping in
// docs/control-plane.md.
func TestStatusFaultsSpeakTheDocumentedWords(t *testing.T) {
	cases := []struct {
		status int
		body   string
	}{
		{403, `{"errors":{"auth":"INVALID_API_SIGN"},"success":false,"status":403}`},
		{429, `{"errors":{"server":"TOO_MANY_REQUESTS"},"success":false,"status":429}`},
		{502, `{"errors":{"server":"SERVICE_UNAVAILABLE"},"success":false,"status":502}`},
		{503, `{"errors":{"server":"SERVICE_UNAVAILABLE"},"success":false,"status":503}`},
		{504, `{"errors":{"server":"SERVICE_UNAVAILABLE"},"success":false,"status":504}`},
		{500, `{"errors":{"server":"INTERNAL_ERROR"},"success":false,"status":500}`},
		{404, `{"errors":{"server":"INTERNAL_ERROR"},"success":false,"status":404}`},
		{200, `{"errors":{"server":"INTERNAL_ERROR"},"success":false,"status":500}`},
	}
	s := newServer(t, nil)
	for _, c := range cases {
		name := fmt.Sprint(c.status)
		r := s.Do(t, http.MethodPost, "/__admin/faults", fmt.Sprintf(`{"provider":"zipay","endpoint":"balance","kind":"status","status":%d}`, c.status))
		require.Equal(t, 201, r.Status, r.Body)
		r = mainCall(t, s, "balance", "")
		assert.Equal(t, c.body, r.Body, name)
		want := c.status
		if want == 200 {
			want = 500 // a fault status that is no error answers 500
		}
		assert.Equal(t, want, r.Status, name)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"), name)
	}
}
