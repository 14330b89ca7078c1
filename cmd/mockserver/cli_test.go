package main

import (
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/providers"
)

// healthServer answers the health route only, like the control plane.
func healthServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/__admin/health" {
			_, _ = w.Write([]byte(`{"status":"ok"}`))
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestHealthcheckTargets(t *testing.T) {
	s := healthServer(t)
	hostPort := strings.TrimPrefix(s.URL, "http://")
	port := hostPort[strings.LastIndex(hostPort, ":")+1:]
	want := "healthy: " + s.URL + "/__admin/health\n"
	cases := []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"base URL by flag", nil, []string{"--url", s.URL}},
		{"base URL with slash", nil, []string{"--url", s.URL + "/"}},
		{"full URL by flag", nil, []string{"--url", s.URL + "/__admin/health"}},
		{"positional base URL", nil, []string{s.URL}},
		{"positional address without scheme", nil, []string{hostPort}},
		{"MOCK_ADDR", map[string]string{"MOCK_ADDR": hostPort}, nil},
		{"MOCK_ADDR on every interface", map[string]string{"MOCK_ADDR": "0.0.0.0:" + port}, nil},
		{"MOCK_ADDR with an empty host", map[string]string{"MOCK_ADDR": ":" + port}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCmd(t, c.env, append([]string{"healthcheck"}, c.args...)...)
			assert.Equal(t, 0, code, errs)
			assert.Equal(t, want, out)
			assert.Empty(t, errs)
		})
	}
}

func TestHealthcheckFailures(t *testing.T) {
	s := healthServer(t)
	code, out, errs := runCmd(t, nil, "healthcheck", s.URL+"/elsewhere")
	assert.Equal(t, exitFail, code)
	assert.Empty(t, out)
	assert.Equal(t, "unhealthy: status 404 from "+s.URL+"/elsewhere\n", errs)

	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	code, _, errs = runCmd(t, nil, "healthcheck", deadURL)
	assert.Equal(t, exitFail, code)
	assert.True(t, strings.HasPrefix(errs, "unhealthy: Get \""+deadURL+"/__admin/health\": "), errs)
	assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)

	// Without MOCK_ADDR the default address is probed.
	code, _, errs = runCmd(t, map[string]string{}, "healthcheck", "--timeout", "200ms")
	if code == 0 {
		t.Skip("something is listening on 127.0.0.1:8080")
	}
	assert.Equal(t, exitFail, code)
	assert.Contains(t, errs, `"http://127.0.0.1:8080/__admin/health"`)

	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{s.URL, s.URL}, "mockserver: healthcheck takes one URL, --url or positional\n"},
		{nil, []string{"--url", s.URL, s.URL}, "mockserver: healthcheck takes one URL, --url or positional\n"},
		{nil, []string{"ftp://x/"}, "mockserver: healthcheck: \"ftp://x/\" is not an http(s) URL such as http://127.0.0.1:8080\n"},
		{map[string]string{"MOCK_ADDR": "8080"}, nil, "mockserver: MOCK_ADDR: \"8080\" is not host:port\n"},
	} {
		code, _, errs := runCmd(t, c.env, append([]string{"healthcheck"}, c.args...)...)
		assert.Equal(t, exitUsage, code, c.args)
		assert.Equal(t, c.want, errs)
	}
}

// configEnvVars are the MOCK_* names the server reads, found in its source so
// that a new one cannot be left out of the help.
func configEnvVars(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../internal/config/*.go")
	require.NoError(t, err)
	files = append(files, "main.go")
	re := regexp.MustCompile(`"(MOCK_[A-Z_]+)"`)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			seen[m[1]] = true
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	require.Contains(t, out, "MOCK_FIXTURES_DIR")
	require.Contains(t, out, "MOCK_RATE_LIMITS")
	return out
}

func TestHelpListsEverything(t *testing.T) {
	vars := configEnvVars(t)
	var first string
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"serve", "--help"}, {"healthcheck", "--help"}} {
		code, out, errs := runCmd(t, nil, args...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		assert.Empty(t, errs, args)
		if first == "" {
			first = out
		}
		assert.Equal(t, first, out, "%v prints the one help", args)
	}
	assert.Contains(t, first, "\nproviders: /nodeco, /virtdedi, /hostdime, /gempay, /geniusplugin, /zipay\n\n", "the registry's sites, in order")
	for _, sub := range []string{"[serve]", "healthcheck", "sign PROVIDER", "openapi PROVIDER", "postman", "version", "help"} {
		assert.Contains(t, first, "\n  mockserver "+sub, sub)
	}
	fs := newServeFlags(nil).fs
	n := 0
	for _, name := range []string{"addr", "db", "config", "debug", "seed", "tls", "tls-addr", "tls-ca-out", "tls-cert", "tls-key", "admin-token"} {
		require.NotNil(t, fs.Lookup(name), name)
		assert.Regexp(t, `\n  --`+regexp.QuoteMeta(name)+`( VALUE)? +`+regexp.QuoteMeta(fs.Lookup(name).Usage)+`\n`, first, name)
		n++
	}
	count := 0
	fs.VisitAll(func(*flag.Flag) { count++ })
	assert.Equal(t, n, count, "every serve flag is checked above")
	for _, v := range vars {
		assert.Regexp(t, `\n  `+v+` +\S`, first, "%s is documented", v)
	}
	assert.Contains(t, first, "\n  --timeout DURATION ")
	assert.Contains(t, first, "\nexamples:\n  mockserver --addr 127.0.0.1:8080 --db :memory: --seed 7\n")
	assert.Contains(t, first, "http://127.0.0.1:8080/__admin/ui")
}

func TestSignHelpAndURL(t *testing.T) {
	for _, args := range [][]string{{"sign", "--help"}, {"sign", "-h"}} {
		code, out, errs := runCmd(t, nil, args...)
		assert.Equal(t, 0, code, args)
		assert.Empty(t, errs)
		assert.True(t, strings.HasPrefix(out, "usage: mockserver sign PROVIDER [flags] [name=value ...]\n"), out)
		for _, p := range providers.Names() {
			assert.Contains(t, out, "\n  "+p+" ", p)
		}
	}
	for _, p := range providers.Names() {
		code, out, errs := runCmd(t, nil, "sign", p, "--help")
		assert.Equal(t, 0, code, p)
		assert.Empty(t, errs, p)
		assert.True(t, strings.HasPrefix(out, "usage: mockserver sign "+p+" "), out)
		assert.Contains(t, out, "\n  --url VALUE ", p)
		assert.Contains(t, out, "\nexample:\n  mockserver sign "+p+" ", p)
	}
	code, out, errs := runCmd(t, nil, "sign")
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.True(t, strings.HasPrefix(errs, "usage: mockserver sign PROVIDER"), errs)

	code, _, errs = runCmd(t, nil, "sign", "paypal")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "sign: unknown provider \"paypal\" (one of gempay, geniusplugin, hostdime, nodeco, virtdedi, zipay)\n", errs)

	// The base URL defaults to MOCK_ADDR; the prefix is added for every provider.
	code, out, errs = runCmd(t, map[string]string{"MOCK_ADDR": "0.0.0.0:9191"}, "sign", "zipay", "--method", "balance")
	assert.Equal(t, 0, code, errs)
	assert.True(t, strings.HasSuffix(out, " http://127.0.0.1:9191/zipay/api/balance\n"), out)
	code, out, _ = runCmd(t, nil, "sign", "gempay", "--endpoint", "products", "--url", "http://127.0.0.1:9191")
	assert.Equal(t, 0, code)
	assert.Equal(t, "curl -sS -H 'Authorization: Bearer gempay-test-key-0001' http://127.0.0.1:9191/gempay/api/products\n", out)
}

func TestLocalBase(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:8080":   "http://127.0.0.1:8080",
		":9000":          "http://127.0.0.1:9000",
		"[::]:8080":      "http://127.0.0.1:8080",
		"127.0.0.1:8081": "http://127.0.0.1:8081",
		"[::1]:8080":     "http://[::1]:8080",
		"mock.lan:80":    "http://mock.lan:80",
	} {
		assert.Equal(t, want, localBase(addr), addr)
	}
}
