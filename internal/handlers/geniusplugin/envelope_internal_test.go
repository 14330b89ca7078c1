package geniusplugin

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

func TestPHPJSONString(t *testing.T) {
	cases := map[string]string{
		"ok":                `"ok"`,
		`a"b\c`:             `"a\"b\\c"`,
		"a/b":               `"a\/b"`,
		"tab\there\n":       `"tab\there\n"`,
		"\x01\x7f":          `"\u0001` + "\x7f" + `"`,
		"café":              `"caf\u00e9"`,
		"😀":                 `"\ud83d\ude00"`,
		"bad\xffbyte":       `"bad\ufffdbyte"`,
		"<b>&'":             `"<b>&'"`,
		"Error deleting x/": `"Error deleting x\/"`,
	}
	for in, want := range cases {
		rec := httptest.NewRecorder()
		writeJSON(rec, http.StatusOK, [][2]string{{"status", in}})
		assert.Equal(t, `{"status":`+want+`}`, rec.Body.String(), in)
	}
}

func TestFormatCents(t *testing.T) {
	for c, want := range map[int64]string{0: "0.00", 5: "0.05", 150026: "1500.26", 100: "1.00", -250: "-2.50"} {
		assert.Equal(t, want, formatCents(c))
	}
}

func TestMessageTableComplete(t *testing.T) {
	for id := msgOK; id <= msgDeleteError; id++ {
		m, ok := messages[id]
		assert.True(t, ok, "message %d", id)
		assert.NotEmpty(t, m.text)
	}
	assert.Equal(t, "Request Missing data! hash", text(msgMissingField, "hash"))
	assert.Equal(t, "Package not Found!", refusal(msgNotFoundCap).Error())
}

func TestRules(t *testing.T) {
	cat, err := newCatalogue(nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Free", "10k", "20k", "40k", "100k", "200k"}, cat.names())
	now := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	cur := &store.GPPackage{Package: "20k", Status: "active", ExpiresAt: now}

	ch, err := cat.planUpdate(cur, "200k", "active", now)
	require.NoError(t, err)
	assert.Equal(t, int64(5100), ch.Charge)
	assert.Equal(t, "200k", ch.Update.Package)
	assert.Equal(t, "20k", cur.Package, "the rule does not touch its input")

	_, err = cat.planUpdate(cur, "10k", "active", now)
	assert.Equal(t, refusal(msgDowngrade), err)
	_, err = cat.planUpdate(&store.GPPackage{Package: "10k", Status: "suspended"}, "20k", "active", now)
	assert.Equal(t, refusal(msgUpdateSuspended), err)
	_, err = cat.planUpdate(nil, "20k", "active", now)
	assert.Equal(t, refusal(msgNotFound), err)
	ch, err = cat.planUpdate(cur, "20k", "cancelled", now)
	require.NoError(t, err)
	assert.Equal(t, store.GPChange{Delete: true}, ch)

	ch, err = cat.planRenew(cur, now)
	require.NoError(t, err)
	assert.Equal(t, int64(900), ch.Charge)
	assert.Equal(t, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), ch.Update.ExpiresAt)

	_, err = cat.planRegister(cur, "10k", "e", "p", "t", now)
	assert.Equal(t, refusal(msgPackageExists), err)
	_, err = planPasswordReset(&store.GPPackage{Status: "suspended"}, "x")
	assert.Equal(t, refusal(msgNoActivePackage), err)
	_, err = planSetStatus(nil, "active", msgNotFound)
	assert.Equal(t, refusal(msgNotFound), err)
	_, err = planDelete(nil)
	assert.Equal(t, refusal(msgNotFound), err)

	_, err = newCatalogue(map[string]string{"300k": "1"})
	assert.Error(t, err)
}

func TestValidators(t *testing.T) {
	for _, d := range []string{"example.org", "a-b.example", "x1.y2.example"} {
		assert.True(t, validDomain(d), d)
	}
	for _, d := range []string{"", "localhost", "a..b", "-a.example", "a-.example", "a b.example", "a/b.example", "ex_ample.org", strings.Repeat("a", 64) + ".example"} {
		assert.False(t, validDomain(d), d)
	}
	assert.True(t, validEmail("u@example.org"))
	assert.False(t, validEmail("Bob <u@example.org>"))
	assert.False(t, validEmail("u"))

	now := time.Unix(1726354980, 0)
	assert.True(t, timestampNear("7126354980", now, 300*time.Second))
	assert.True(t, timestampNear("0894536271", now, 300*time.Second))
	assert.False(t, timestampNear("1726355999", now, 300*time.Second))
	assert.False(t, timestampNear("172635498x", now, 300*time.Second))
}

func TestWriteFailure(t *testing.T) {
	cfg := config.Default()
	Descriptor().Attach(&cfg)
	p := New(handlers.Deps{Clock: clock.New(), Config: &cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	do := func(path, body string, f handlers.Failure) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		p.WriteFailure(w, r, f)
		return w
	}
	w := do("/api/v1/delete/", "domain=shop.example&hash=x", handlers.Failure{Kind: handlers.FailInternal})
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, `{"status":"Error deleting shop.example"}`, w.Body.String())
	assert.Equal(t, `{"status":"Connection failed"}`, do("/api/v1/getcredit", "", handlers.Failure{Kind: handlers.FailInternal}).Body.String())
	assert.Equal(t, `{"status":"Error"}`, do("/api/v1/list/", "", handlers.Failure{Kind: handlers.FailInternal}).Body.String())
	assert.Equal(t, `{"status":"Request Missing data!"}`, do("/api/v1/list/", "", handlers.Failure{Kind: handlers.FailBodyTooLarge}).Body.String())
	w = do("/api/v1/list/", "", handlers.Failure{Kind: handlers.FailFault, Status: 503})
	assert.Equal(t, 503, w.Code)
	assert.Equal(t, `{"status":"Error"}`, w.Body.String())
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	w = do("/api/v1/getcredit/", "", handlers.Failure{Kind: handlers.FailFault, Status: 503})
	assert.Equal(t, 503, w.Code)
	assert.Equal(t, `{"status":"Connection failed"}`, w.Body.String(), "a fault speaks the endpoint's words")
	w = do("/api/v1/delete/", "domain=shop.example&hash=x", handlers.Failure{Kind: handlers.FailFault, Status: 500})
	assert.Equal(t, 500, w.Code)
	assert.Equal(t, `{"status":"Error deleting shop.example"}`, w.Body.String())
}
