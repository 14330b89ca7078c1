package nodeco_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// NODE documents no failure text, so an injected status fault answers the
// mock's own words in the envelope, with the status asked for and the
// format the request asked for. The NODE row of the mapping in
// docs/control-plane.md.
func TestStatusFaultsAnswerInTheEnvelope(t *testing.T) {
	cases := []struct {
		prefix, path string
		status       int
		body         string
	}{
		{"nodeco", "/nodeco/api/v1/create_server", 503, errBody("Service temporarily unavailable.")},
		{"virtdedi", "/virtdedi/api-sandbox/v1/get_server_list/", 500, errBody("Service temporarily unavailable.")},
		{"nodeco", "/nodeco/api/v1/get_arch_list?format=xml", 502, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>ERROR</code>\n<message>Service temporarily unavailable.</message>\n<data></data>\n"},
	}
	s := newServer(t, nil)
	for _, c := range cases {
		r := s.Do(t, "POST", "/__admin/faults", fmt.Sprintf(`{"provider":%q,"kind":"status","status":%d}`, c.prefix, c.status))
		require.Equal(t, 201, r.Status, r.Body)
		r = s.Do(t, "POST", c.path, "")
		assert.Equal(t, c.status, r.Status, c.path)
		assert.Equal(t, c.body, r.Body, c.path)
	}
}
