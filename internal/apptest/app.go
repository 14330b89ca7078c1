package apptest

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
)

// NewApp builds the app from cfg with a silent logger, for tests and
// benchmarks that call its handler in process; it closes when tb ends.
func NewApp(tb testing.TB, cfg config.Config) *app.App {
	tb.Helper()
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = a.Close() })
	return a
}
