// Package apptest starts the real app (router, middleware, store on a temp
// SQLite file) behind an httptest server, for handler tests of every provider.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// Server is a running app for one test.
type Server struct {
	*httptest.Server
	App *app.App
}

// New starts the app with defaults (temp-file DB) adjusted by tweak.
func New(t testing.TB, tweak func(*config.Config)) *Server {
	t.Helper()
	cfg := providers.DefaultConfig()
	cfg.DB = filepath.Join(t.TempDir(), "test.db")
	if tweak != nil {
		tweak(&cfg)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(context.Background(), cfg, logger)
	require.NoError(t, err)
	h := a.Handler()
	if os.Getenv("MOCK_VALIDATE_OPENAPI") != "" {
		// Every provider answer must be one its OpenAPI document describes.
		v := apitest.New(t, apidesc.Collect(a.Providers), providers.Hosts())
		v.Injected = func() bool {
			// The exchange was journaled before its answer reached the
			// validator: an injected fault is the newest entry.
			last := a.Journal.List(journal.Filter{Limit: 1})
			return len(last) == 1 && last[0].Outcome == journal.OutcomeFault
		}
		h = v.Wrap(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(func() {
		ts.Close()
		_ = a.Close()
	})
	return &Server{Server: ts, App: a}
}

// SetClock freezes the mock clock at t.
func (s *Server) SetClock(t time.Time) { s.App.Clock.Set(t) }

// Advance moves the mock clock forward.
func (s *Server) Advance(d time.Duration) { s.App.Clock.Advance(d) }

// Response is a finished exchange.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Do sends a request with optional headers (pairs) and returns the whole response.
func (s *Server) Do(t testing.TB, method, path string, body string, headers ...string) Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	if body != "" && strings.HasPrefix(path, "/__admin/") {
		req.Header.Set("Content-Type", "application/json") // the control plane takes JSON writes only
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if strings.EqualFold(headers[i], "Host") {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := s.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
}

// PostForm posts url-encoded values in the given order.
func (s *Server) PostForm(t testing.TB, path string, pairs [][2]string, headers ...string) Response {
	t.Helper()
	var parts []string
	for _, p := range pairs {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	h := append([]string{"Content-Type", "application/x-www-form-urlencoded"}, headers...)
	return s.Do(t, http.MethodPost, path, strings.Join(parts, "&"), h...)
}
