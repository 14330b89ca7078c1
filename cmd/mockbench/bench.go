package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
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
	var mockLog io.Writer
	if o.mockLog != "" {
		f, err := os.Create(o.mockLog)
		if err != nil {
			return err
		}
		defer f.Close()
		mockLog = f
	}
	mock, err := start(cmd, "/__admin/health", mockLog)
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
	base, err := start(bcmd, "/health", nil)
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
	baseline := load(ctx, base.base, o.conns, o.duration, func(int, int) request { return productsRequest() }, status200With(successGempay))
	baseline.name = "baseline (bare net/http)"

	want := map[string]bool{}
	for _, s := range strings.Split(o.scenarios, ",") {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}
	results := []result{baseline}
	var picked []scenario
	run := time.Now().UnixNano()
	for _, sc := range scenarios() {
		if len(want) > 0 && !want[sc.name] {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		r := load(ctx, mock.base, o.conns, o.duration, sc.mk(run), sc.ok)
		r.name = sc.name
		results = append(results, r)
		picked = append(picked, sc)
	}
	_, peak := rss(mock.cmd.Process.Pid)

	fmt.Fprintln(out, "| scenario | requests | req/s | p50 | p99 | ratio to baseline | failures |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		fmt.Fprintf(out, "| %s | %d | %.0f | %s | %s | %.2f | %d |\n", r.name, r.requests, r.rps, fmtDur(r.p50), fmtDur(r.p99), ratio(r.rps, baseline.rps), r.failures)
	}
	if o.wrk && ctx.Err() == nil {
		if err := wrkCrossCheck(ctx, o, base.base, mock.base, baseline, results[1:], picked, out); err != nil {
			fmt.Fprintf(out, "\nwrk cross-check skipped: %v\n", err)
		}
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

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

// wrkCrossCheck drives the baseline, and each scenario whose request never
// changes, with wrk -t1 at the same connection count, and prints wrk's figures
// beside this harness's: the harness's baseline must reach at least 80 % of
// wrk's, or its client (not the server) would set the ratios.
func wrkCrossCheck(ctx context.Context, o options, baseURL, mockURL string, baseline result, results []result, picked []scenario, out io.Writer) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk is not on PATH (Debian package wrk)")
	}
	wb, err := runWrk(ctx, baseURL, productsRequest(), o.conns, o.duration)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nClient cross-check, same run: wrk -t1 -c%d -d%s\n\n", o.conns, o.duration)
	fmt.Fprintln(out, "| target | this harness req/s | wrk req/s | harness / wrk | ratio to baseline (harness) | ratio to baseline (wrk) |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|")
	fmt.Fprintf(out, "| baseline (bare net/http) | %.0f | %.0f | %.2f | 1.00 | 1.00 |\n", baseline.rps, wb, ratio(baseline.rps, wb))
	for i, sc := range picked {
		if sc.same == nil || ctx.Err() != nil {
			continue
		}
		w, err := runWrk(ctx, mockURL, *sc.same, o.conns, o.duration)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		fmt.Fprintf(out, "| %s | %.0f | %.0f | %.2f | %.2f | %.2f |\n", sc.name, results[i].rps, w, ratio(results[i].rps, w), ratio(results[i].rps, baseline.rps), ratio(w, wb))
	}
	return nil
}

var wrkRPS = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)

// runWrk replays req with wrk and returns its requests per second; any non-2xx
// answer makes it an error, so a refused request cannot pass for speed.
func runWrk(ctx context.Context, base string, req request, conns int, d time.Duration) (float64, error) {
	var lua strings.Builder
	fmt.Fprintf(&lua, "wrk.method = %q\nwrk.path = %q\nwrk.body = %q\n", req.method, req.path, req.body)
	for _, h := range req.header {
		fmt.Fprintf(&lua, "wrk.headers[%q] = %q\n", h[0], h[1])
	}
	f, err := os.CreateTemp("", "mockbench-*.lua")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(lua.String()); err != nil {
		return 0, err
	}
	f.Close()
	secs := max(1, int(d.Round(time.Second)/time.Second))
	outb, err := exec.CommandContext(ctx, "wrk", "-t1", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", secs), "-s", f.Name(), base).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("wrk: %w: %s", err, outb)
	}
	if strings.Contains(string(outb), "Non-2xx") {
		return 0, fmt.Errorf("wrk saw refused answers: %s", outb)
	}
	m := wrkRPS.FindSubmatch(outb)
	if m == nil {
		return 0, fmt.Errorf("no Requests/sec in wrk output: %s", outb)
	}
	return strconv.ParseFloat(string(m[1]), 64)
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
	makers := make([]func(int, int) request, len(scs))
	for i, sc := range scs {
		makers[i] = sc.mk(run)
	}
	mixed := func(w, seq int) request { return makers[(w+seq)%len(makers)](w, seq) }
	okAny := func(status int, _ []byte) bool { return status == http.StatusOK }

	fmt.Fprintf(out, "| t | RSS MB | goroutines |\n|---:|---:|---:|\n")
	sample := func(label string) {
		cur, _ := rss(mock.cmd.Process.Pid)
		fmt.Fprintf(out, "| %s | %.1f | %s |\n", label, float64(cur)/1024, goroutines(mock.base))
	}
	sample("0s")
	done := make(chan result, 1)
	go func() { done <- load(ctx, mock.base, o.conns, o.soak, mixed, okAny) }()
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
