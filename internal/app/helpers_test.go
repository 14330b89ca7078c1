package app_test

import (
	"context"
	"io"
	"log/slog"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
)

func newApp(cfg config.Config) (*app.App, error) {
	return app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
}
