package overrides_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// start runs the app on cfg until the returned stop is called.
func start(t *testing.T, cfg config.Config) (*apptest.Server, func()) {
	t.Helper()
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	a.Clock.Set(t0)
	ts := httptest.NewServer(a.Handler())
	return &apptest.Server{Server: ts, App: a}, func() {
		ts.Close()
		require.NoError(t, a.Close())
	}
}

type shown struct {
	ID        int64
	Provider  string
	Remaining *int
	Hits      int
	Source    string
	Response  struct{ Body *string }
}

func listed(t *testing.T, s *apptest.Server) []shown {
	t.Helper()
	var out struct{ Overrides []shown }
	require.NoError(t, json.Unmarshal([]byte(s.Do(t, "GET", "/__admin/overrides", "").Body), &out))
	return out.Overrides
}

func TestRestartKeepsOverrides(t *testing.T) {
	cfg := providers.DefaultConfig()
	cfg.DB = filepath.Join(t.TempDir(), "mock.db")
	s, stop := start(t, cfg)
	add(t, s, `{"provider":"gempay","endpoint":"order","after_auth":false,"times":3,"response":{"status":502,"json":{"status":"error"}}}`)
	add(t, s, `{"provider":"zipay","after_auth":false,"priority":2,"response":{"body":"z"}}`)
	assert.Equal(t, 502, s.Do(t, "POST", "/gempay/api/order", "").Status)
	before := s.Do(t, "GET", "/__admin/overrides", "").Body
	stop()

	s, stop = start(t, cfg)
	defer stop()
	assert.Equal(t, before, s.Do(t, "GET", "/__admin/overrides", "").Body, "same overrides, uses and hits")
	r := s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 502, r.Status)
	assert.Equal(t, `{"status":"error"}`, r.Body)
	got := listed(t, s)
	require.Len(t, got, 2)
	assert.Equal(t, 1, *got[1].Remaining)
	assert.Equal(t, 2, got[1].Hits)
	// Ids keep counting after a restart.
	assert.Contains(t, add(t, s, `{"provider":"hostdime","response":{"body":""}}`), `{"id":3,`)
}

const fileYAML = `# two overrides
- provider: gempay
  endpoint: order
  after_auth: false
  match:
    params: {user_id: 123456}
  response:
    status: 200
    json: {status: error, message: "Server sibuk {{.Params.user_id}}", code: 200, n: 1.5, ok: true, none: null}
- provider: zipay
  after_auth: false
  times: 1
  response:
    body: from the file
`

func TestOverridesFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "overrides.yaml")
	require.NoError(t, os.WriteFile(file, []byte(fileYAML), 0o600))
	cfg := providers.DefaultConfig()
	cfg.DB = filepath.Join(dir, "mock.db")
	cfg.OverridesFile = file

	s, stop := start(t, cfg)
	r := s.Do(t, "POST", "/gempay/api/order", `{"user_id":123456}`)
	assert.Equal(t, `{"status":"error","message":"Server sibuk 123456","code":200,"n":1.5,"ok":true,"none":null}`, r.Body, "keys in the file's order")
	assert.Equal(t, "from the file", s.Do(t, "POST", "/zipay/api/balance", "").Body)
	add(t, s, `{"provider":"hostdime","response":{"body":"api"}}`)
	got := listed(t, s)
	require.Len(t, got, 3)
	assert.Equal(t, []string{"api", "file", "file"}, []string{got[0].Source, got[1].Source, got[2].Source})
	stop()

	// The next start replaces what the file loaded; the API's stays.
	require.NoError(t, os.WriteFile(file, []byte(`[{"provider":"geniusplugin","response":{"body":"json file"}}]`), 0o600))
	s, stop = start(t, cfg)
	defer stop()
	got = listed(t, s)
	require.Len(t, got, 2)
	assert.Equal(t, "geniusplugin", got[0].Provider)
	assert.Equal(t, "file", got[0].Source)
	assert.Equal(t, "hostdime", got[1].Provider)
	assert.Equal(t, "api", got[1].Source)
}

func TestOverridesFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, text, want string }{
		{"bad status", "- {provider: gempay, response: {body: ok}}\n- {provider: gempay, response: {status: 700, body: x}}\n",
			"entry 1: response.status: 700 is not an HTTP status between 100 and 599"},
		{"unknown key", `[{"provider":"zipay","response":{"body":""},"when":1}]`,
			"entry 0: when: unknown key (provider, endpoint, match, response, after_auth, times, priority)"},
		{"unknown endpoint", "- {provider: zipay, endpoint: pay, response: {body: x}}\n",
			`entry 0: endpoint: "pay" is not an endpoint of zipay (one of balance, create-invoice, crypto-info, crypto-withdraw, exchange, exchange-list, invoice-status, invoice-verify, random, rate, transfer, transfer-list)`},
		{"not a list", "provider: gempay\n", "must be a list of overrides"},
		{"bad YAML", "- [\n", "not YAML: yaml: line 1: did not find expected node content"},
		{"bad JSON.json", "[{]", "not a JSON list of overrides: invalid character ']' looking for beginning of object key string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_"))
			if filepath.Ext(file) == "" {
				file += ".yaml"
			}
			require.NoError(t, os.WriteFile(file, []byte(c.text), 0o600))
			cfg := providers.DefaultConfig()
			cfg.DB = filepath.Join(dir, "mock.db")
			cfg.OverridesFile = file
			_, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
			require.Error(t, err)
			assert.Equal(t, "overrides_file: "+file+": "+c.want, err.Error())
			assert.NotContains(t, err.Error(), "\n", "one line")
		})
	}
	cfg := providers.DefaultConfig()
	cfg.DB = filepath.Join(dir, "mock.db")
	cfg.OverridesFile = filepath.Join(dir, "missing.yaml")
	_, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	assert.EqualError(t, err, "overrides_file: open "+cfg.OverridesFile+": no such file or directory")
}

// AfterAuth is what a provider calls once authentication and guards passed:
// it answers with an after_auth override only, and Intercept (before any
// check) never uses one.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	add(t, s, `{"provider":"gempay","endpoint":"order","match":{"params":{"ref_id":"R1"}},"response":{"status":201,"headers":{"X-Extra":"1"},"json":{"ref":"{{.Params.ref_id}}"}}}`)
	reg := s.App.Overrides

	call := func(body string) (*httptest.ResponseRecorder, *journal.Note, bool) {
		note := journal.NewNote(http.Header{}, false)
		req := httptest.NewRequest("POST", "/api/order", strings.NewReader(body))
		req = req.WithContext(journal.WithNote(req.Context(), note))
		rec := httptest.NewRecorder()
		return rec, note, reg.AfterAuth(rec, req, "gempay")
	}
	rec, note, ok := call(`{"ref_id":"R1"}`)
	require.True(t, ok)
	assert.Equal(t, 201, rec.Code)
	assert.Equal(t, `{"ref":"R1"}`, rec.Body.String())
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, "1", rec.Header().Get("X-Extra"))
	_, outcome, reason, _ := note.Snapshot()
	assert.Equal(t, journal.OutcomeOverride, outcome)
	assert.Equal(t, "override", reason)
	assert.Equal(t, int64(1), note.OverrideID())

	_, _, ok = call(`{"ref_id":"R2"}`)
	assert.False(t, ok, "no match")

	// Through the router the override is not used before the provider's checks.
	r := s.Do(t, "POST", "/gempay/api/order", `{"ref_id":"R1"}`)
	assert.Equal(t, 401, r.Status)
	assert.Equal(t, missingHeaders, r.Body)
}
