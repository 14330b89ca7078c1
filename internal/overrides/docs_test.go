package overrides_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
)

// Every override the docs show is one the server takes.
func TestDocumentedOverridesAreAccepted(t *testing.T) {
	raw, err := os.ReadFile("../../docs/control-plane.md")
	require.NoError(t, err)
	doc := string(raw)
	start := strings.Index(doc, "### Response overrides")
	end := strings.Index(doc, "### Seed")
	require.True(t, start > 0 && end > start)
	re := regexp.MustCompile(`(?s)curl -s localhost:8080/__admin/overrides -d '([^']*)'`)
	found := re.FindAllStringSubmatch(doc[start:end], -1)
	require.Len(t, found, 11, "the API example and two per provider family")
	s := newServer(t, nil)
	for _, m := range found {
		r := s.Do(t, "POST", "/__admin/overrides", m[1])
		assert.Equal(t, 201, r.Status, "%s\n%s", m[1], r.Body)
	}
}

// The example file loads, and docker-compose.yml mounts it where
// MOCK_OVERRIDES_FILE points.
func TestExampleOverridesFile(t *testing.T) {
	cfg := config.Default()
	cfg.DB = filepath.Join(t.TempDir(), "mock.db")
	cfg.OverridesFile = "../../examples/overrides.yaml"
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer a.Close()
	assert.NotEmpty(t, a.Overrides.List())

	compose, err := os.ReadFile("../../docker-compose.yml")
	require.NoError(t, err)
	assert.Contains(t, string(compose), "./examples/overrides.yaml:/etc/mocksuite/overrides.yaml:ro")
	assert.Contains(t, string(compose), `MOCK_OVERRIDES_FILE: /etc/mocksuite/overrides.yaml`)
}
