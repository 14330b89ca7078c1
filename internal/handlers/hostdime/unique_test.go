package hostdime_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// An api_unique over 128 bytes is refused before the replay cache keeps it.
func TestLongAPIUniqueRefusedBeforeCaching(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	c.unique = strings.Repeat("u", 129)
	r := c.call(t, "domain.list", "json")
	assert.Equal(t, errJSON(400, "Invalid value for parameter: api_unique"), r.Body)
	r = c.call(t, "domain.list", "json")
	assert.Equal(t, errJSON(400, "Invalid value for parameter: api_unique"), r.Body, "not remembered: no 409 the second time")

	c.unique = strings.Repeat("u", 128)
	r = c.call(t, "domain.list", "json")
	assert.True(t, strings.HasPrefix(r.Body, `{"error":null,"response":`), r.Body)
	r = c.call(t, "domain.list", "json")
	assert.Equal(t, errJSON(409, "Duplicate request: api_unique has already been used"), r.Body)

	j := s.Do(t, "GET", "/__admin/requests?provider=hostdime&limit=4", "")
	assert.Contains(t, j.Body, `"explanation":"api_unique is 129 bytes long; at most 128 are accepted"`)
}
