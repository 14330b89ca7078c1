package apptest

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// NewApp builds the app alone, for tests and benchmarks that call its
// handler in process: defaults with an in-memory store, adjusted by tweak,
// and a silent logger. It closes when tb ends.
func NewApp(tb testing.TB, tweak func(*config.Config)) *app.App {
	tb.Helper()
	cfg := providers.DefaultConfig()
	cfg.DB = ":memory:"
	if tweak != nil {
		tweak(&cfg)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = a.Close() })
	return a
}
