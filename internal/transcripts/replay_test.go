package transcripts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// TestDocsTranscripts replays every transcript of README.md and docs/**/*.md.
func TestDocsTranscripts(t *testing.T) {
	root := repoRoot(t)
	files := docFiles(t, root)
	total := 0
	for _, name := range files {
		text, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		ts, err := parseFile(name, string(text))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.HasPrefix(name, "docs/providers/") && len(ts) == 0 {
			t.Errorf("%s: a provider page without any transcript: did a tag change?", name)
		}
		for _, tr := range ts {
			total += len(tr.exchanges)
		}
		if len(ts) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) { replayFile(t, ts) })
	}
	t.Logf("%d exchanges replayed from %d files", total, len(files))
	if total == 0 {
		t.Fatal("no transcript found: the convention or the file list is broken")
	}
}

// replayFile runs the transcripts of one file in order; a continued one
// shares the previous one's server.
func replayFile(t *testing.T, ts []transcript) {
	var base string
	for _, tr := range ts {
		if !tr.continued {
			base = startServer(t, tr.seed, tr.debug)
		}
		for _, ex := range tr.exchanges {
			if err := replay(base, tr.file, ex); err != nil {
				t.Error(err)
			}
		}
	}
}

// startServer starts the app as "mockserver --db :memory: [--seed N]
// [--debug]" would, background workers included, on a free port. It stops
// when t ends.
func startServer(t testing.TB, seed int64, debug bool) string {
	t.Helper()
	cfg := providers.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DB = ":memory:"
	cfg.Seed = seed
	cfg.Debug = debug
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		_ = a.Close()
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stop: %v", err)
		}
		_ = a.Close()
	})
	return "http://" + ln.Addr().String()
}

// curlClient behaves like curl on the wire: a new connection per call, no
// redirects followed, no compression asked for.
var curlClient = &http.Client{
	Transport:     &http.Transport{DisableKeepAlives: true, DisableCompression: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

// replay sends one exchange to the server at base and compares the answer;
// the error names file:line of the "$ curl" line.
func replay(base, file string, ex exchange) error {
	var body io.Reader = http.NoBody
	if ex.req.body != "" {
		body = strings.NewReader(ex.req.body)
	}
	req, err := http.NewRequest(ex.req.method, base+ex.req.target, body)
	if err != nil {
		return fmt.Errorf("%s:%d: %w", file, ex.line, err)
	}
	req.Host = ex.req.host
	req.Header.Set("User-Agent", "curl/8.14.1")
	req.Header.Set("Accept", "*/*")
	for name, values := range ex.req.headers {
		req.Header[name] = values
	}
	resp, err := curlClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s:%d: %w", file, ex.line, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s:%d: read body: %w", file, ex.line, err)
	}
	got := served(resp, string(b))
	var problems []string
	if got.status != ex.status {
		if ex.include {
			problems = append(problems, fmt.Sprintf("status %q, documented %q", got.status, ex.status))
		} else {
			problems = append(problems, fmt.Sprintf("status %q: a transcript without -i documents a 200; show any other status with -i", got.status))
		}
	}
	if ex.include {
		want := slices.Sorted(slices.Values(ex.headers))
		if !slices.Equal(got.headers, want) {
			problems = append(problems, "headers differ")
		}
	}
	if strings.TrimRight(got.body, "\n") != strings.TrimRight(ex.body, "\n") {
		problems = append(problems, "body differs")
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%s:%d: %s %s: %s\n--- documented\n%s\n--- served\n%s", file, ex.line, ex.req.method, ex.req.target,
		strings.Join(problems, "; "), ex.render(), got.render())
}

// served turns a response into what curl -i would print, without Date.
func served(resp *http.Response, body string) exchange {
	ex := exchange{include: true, status: resp.Proto + " " + resp.Status, body: body}
	for name, values := range resp.Header {
		if name == "Date" {
			continue
		}
		for _, v := range values {
			ex.headers = append(ex.headers, name+": "+v)
		}
	}
	if slices.Contains(resp.TransferEncoding, "chunked") {
		ex.headers = append(ex.headers, "Transfer-Encoding: chunked")
	}
	slices.Sort(ex.headers)
	return ex
}

// render prints an exchange's answer the way the docs show it.
func (ex exchange) render() string {
	if !ex.include {
		return ex.body
	}
	return ex.status + "\n" + strings.Join(ex.headers, "\n") + "\n\n" + ex.body
}

// repoRoot is the directory holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// docFiles lists README.md and every docs/**/*.md, relative to root.
func docFiles(t testing.TB, root string) []string {
	t.Helper()
	files := []string{"README.md"}
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return files
}
