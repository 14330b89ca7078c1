package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func listen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func bench(o options, out io.Writer) error {
	fxDir, err := benchFixtures()
	if err != nil {
		return err
	}
	defer os.RemoveAll(fxDir)
	db := ":memory:"
	if o.fileDB {
		dir, err := os.MkdirTemp("", "mockbench-db-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "bench.db")
	}
	cmd := newMockCmd(o.bin, db, fxDir)
	mock, err := start(cmd, "/__admin/health")
	if err != nil {
		return err
	}
	defer mock.stop()
	idleRSS, _ := rss(mock.cmd.Process.Pid)

	body, err := fetchProducts(mock.base)
	if err != nil {
		return fmt.Errorf("mock not serving the product list: %w", err)
	}
	bodyFile, err := os.CreateTemp("", "mockbench-products-")
	if err != nil {
		return err
	}
	defer os.Remove(bodyFile.Name())
	if _, err := bodyFile.Write(body); err != nil {
		return err
	}
	bodyFile.Close()
	bcmd := selfCommand("-baseline-serve", "127.0.0.1:0")
	bcmd.Env = append(os.Environ(), "MOCKBENCH_BASELINE_BODY="+bodyFile.Name())
	base, err := start(bcmd, "/health")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer base.stop()

	ctx, stop := signalContext()
	defer stop()
	if o.soak > 0 {
		return soak(ctx, o, mock, out)
	}

	fmt.Fprintf(out, "mockbench: %d connections, %s per scenario, GOMAXPROCS=%d, %s/%s, %s\n\n", o.conns, o.duration, runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, time.Now().UTC().Format("2006-01-02"))
	baseline := load(ctx, o.conns, o.duration, func(int, int) (*http.Request, error) {
		return productsRequest(base.base + "/gempay/api/products")
	}, status200With(successGempay))
	baseline.name = "baseline (bare net/http)"

	want := map[string]bool{}
	for _, s := range strings.Split(o.scenarios, ",") {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}
	results := []result{baseline}
	run := time.Now().UnixNano()
	for _, sc := range scenarios() {
		if len(want) > 0 && !want[sc.name] {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		r := load(ctx, o.conns, o.duration, sc.mk(mock.base, run), sc.ok)
		r.name = sc.name
		results = append(results, r)
	}
	_, peak := rss(mock.cmd.Process.Pid)

	fmt.Fprintln(out, "| scenario | requests | req/s | p50 | p99 | ratio to baseline | failures |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		ratio := 0.0
		if baseline.rps > 0 {
			ratio = r.rps / baseline.rps
		}
		fmt.Fprintf(out, "| %s | %d | %.0f | %s | %s | %.2f | %d |\n", r.name, r.requests, r.rps, fmtDur(r.p50), fmtDur(r.p99), ratio, r.failures)
	}
	fmt.Fprintf(out, "\nready (exec to first healthy answer): %s\n", mock.ready.Round(100*time.Microsecond))
	fmt.Fprintf(out, "mock RSS: idle %.1f MB, peak %.1f MB\n", float64(idleRSS)/1024, float64(peak)/1024)
	for _, r := range results {
		if r.firstErr != "" {
			fmt.Fprintf(out, "first failure in %s: %s\n", r.name, r.firstErr)
		}
	}
	return nil
}

func newMockCmd(bin, db, fixturesDir string) *exec.Cmd {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db)
	cmd.Env = append(os.Environ(), "MOCK_RATE_LIMITS=false", "MOCK_FIXTURES_DIR="+fixturesDir, "MOCK_DEBUG=false", "MOCK_CONFIG=")
	return cmd
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%dµs", d.Microseconds())
	}
}

// soak runs all scenarios mixed for o.soak and samples the mock's RSS and
// goroutine count every 5 s, to show both stay flat.
func soak(ctx context.Context, o options, mock *proc, out io.Writer) error {
	run := time.Now().UnixNano()
	scs := scenarios()
	makers := make([]func(int, int) (*http.Request, error), len(scs))
	for i, sc := range scs {
		makers[i] = sc.mk(mock.base, run)
	}
	mixed := func(w, seq int) (*http.Request, error) { return makers[(w+seq)%len(makers)](w, seq) }
	okAny := func(resp *http.Response, body []byte) bool { return resp.StatusCode == http.StatusOK }

	fmt.Fprintf(out, "| t | RSS MB | goroutines |\n|---:|---:|---:|\n")
	sample := func(label string) {
		cur, _ := rss(mock.cmd.Process.Pid)
		fmt.Fprintf(out, "| %s | %.1f | %s |\n", label, float64(cur)/1024, goroutines(mock.base))
	}
	sample("0s")
	done := make(chan result, 1)
	go func() { done <- load(ctx, o.conns, o.soak, mixed, okAny) }()
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	t0 := time.Now()
	for {
		select {
		case r := <-done:
			sample(time.Since(t0).Round(time.Second).String())
			fmt.Fprintf(out, "\nsoak: %d requests in %s (%.0f req/s), %d failures\n", r.requests, o.soak, r.rps, r.failures)
			if r.firstErr != "" {
				fmt.Fprintf(out, "first failure: %s\n", r.firstErr)
			}
			return nil
		case <-tick.C:
			sample(time.Since(t0).Round(time.Second).String())
		}
	}
}

// goroutines asks the control plane for the server's goroutine count.
func goroutines(base string) string {
	resp, err := http.Get(base + "/__admin/stats")
	if err != nil {
		return "?"
	}
	defer resp.Body.Close()
	var v struct {
		Goroutines int `json:"goroutines"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&v) != nil {
		return "?"
	}
	return fmt.Sprint(v.Goroutines)
}
