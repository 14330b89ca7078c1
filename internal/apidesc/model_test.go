package apidesc

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTextPatternMatchesExactlyTheTexts(t *testing.T) {
	re := regexp.MustCompile(TextPattern("Missing parameter: %s.", "Parameter %s must be an integer from %d to %d.", "Invalid (x)? [y] {z} $1 ^a|b/c"))
	for _, ok := range []string{"Missing parameter: server_id.", "Parameter page must be an integer from 1 to 9999999999.", "Invalid (x)? [y] {z} $1 ^a|b/c"} {
		assert.True(t, re.MatchString(ok), ok)
	}
	for _, bad := range []string{"Missing parameter: server_id", "Parameter page must be an integer from one to 9.", "Invalid x [y] {z} $1 ^a|b/c", "xMissing parameter: a."} {
		assert.False(t, re.MatchString(bad), bad)
	}
}

type inner struct {
	Time int64 `json:"time"`
}

type view struct {
	ID   string  `json:"id"`
	Note *string `json:"note,omitempty"`
	inner
	skip string
}

func TestSchemaOfFollowsEncodingJSON(t *testing.T) {
	s := SchemaOf(view{skip: ""})
	props := s["properties"].(Schema)
	assert.Equal(t, Str(), props["id"])
	assert.Equal(t, Schema{"type": "string", "nullable": true}, props["note"])
	assert.Equal(t, Int(), props["time"], "fields of an embedded unexported struct are promoted")
	assert.NotContains(t, props, "skip")
	assert.ElementsMatch(t, []any{"id", "time"}, s["required"], "omitempty fields are optional")
}
