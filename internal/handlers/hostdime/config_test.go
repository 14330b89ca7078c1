package hostdime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
)

func TestHostdimeConfig(t *testing.T) {
	c := config.Default()
	Descriptor().Attach(&c) // the registry attaches every provider's section
	require.NoError(t, c.Validate())
	assert.Equal(t, &Config{TimestampWindow: 300 * time.Second}, config.SectionOf[*Config](&c), "the defaults")

	require.NoError(t, c.LoadYAML([]byte("hostdime:\n  timestamp_window: 90s\n  http_errors: true\n  strict_hash: true\n")))
	require.NoError(t, c.Validate())
	assert.Equal(t, &Config{TimestampWindow: 90 * time.Second, HTTPErrors: true, StrictHash: true}, config.SectionOf[*Config](&c))

	require.NoError(t, c.LoadYAML([]byte("hostdime:\n  timestamp_window: 0s\n")))
	assert.EqualError(t, c.Validate(), "config: hostdime.timestamp_window: 0s must be positive")
}
