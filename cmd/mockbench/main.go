// Command mockbench measures the mock under closed-loop keep-alive load over
// loopback and compares every scenario with a bare net/http baseline measured
// in the same run (same machine, same load generator, same moment).
//
//	go build -o mockserver ./cmd/mockserver
//	go run ./cmd/mockbench -bin ./mockserver [-d 10s] [-c 32] [-scenarios a,b] [-soak 60s]
//
// It builds nothing itself: it runs the given mockserver binary with an
// in-memory DB and rate limits off, and re-runs itself as the baseline server.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mockbench:", err)
		os.Exit(1)
	}
}

type options struct {
	bin       string
	duration  time.Duration
	conns     int
	scenarios string
	soak      time.Duration
	fileDB    bool
	baseline  string // internal: serve the baseline on this address
}

func run(args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("mockbench", flag.ContinueOnError)
	fs.StringVar(&o.bin, "bin", "./mockserver", "path to the mockserver binary")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "duration of each scenario")
	fs.IntVar(&o.conns, "c", 32, "concurrent keep-alive connections")
	fs.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenario names (default: all)")
	fs.DurationVar(&o.soak, "soak", 0, "instead of scenarios, run mixed load this long and sample RSS and goroutines")
	fs.BoolVar(&o.fileDB, "file-db", false, "use a temp-file DB instead of :memory:")
	fs.StringVar(&o.baseline, "baseline-serve", "", "internal: run the baseline server on this address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.baseline != "" {
		return serveBaseline(o.baseline)
	}
	if o.conns < 1 || o.duration <= 0 {
		return errors.New("-c must be ≥ 1 and -d positive")
	}
	return bench(o, out)
}

// proc is a started server process.
type proc struct {
	cmd   *exec.Cmd
	base  string
	ready time.Duration
}

var listenRE = regexp.MustCompile(`listening on (http://[0-9.:\[\]a-f]+)`)

// start runs cmd, waits for its "listening on" line, then polls health until it answers.
func start(cmd *exec.Cmd, healthPath string) (*proc, error) {
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	sc := bufio.NewScanner(stderr)
	addr := make(chan string, 1)
	go func() {
		sent := false
		for sc.Scan() {
			if m := listenRE.FindStringSubmatch(sc.Text()); m != nil && !sent {
				addr <- m[1]
				sent = true
			}
		}
		if !sent {
			close(addr)
		}
	}()
	var base string
	select {
	case a, ok := <-addr:
		if !ok {
			return nil, fmt.Errorf("%s exited before it listened", cmd.Path)
		}
		base = a
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("%s did not listen within 30 s", cmd.Path)
	}
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		resp, err := client.Get(base + healthPath)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return &proc{cmd: cmd, base: base, ready: time.Since(t0)}, nil
			}
		}
	}
	_ = cmd.Process.Kill()
	return nil, fmt.Errorf("%s never answered %s", cmd.Path, healthPath)
}

func (p *proc) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// result is one measured scenario.
type result struct {
	name     string
	requests int64
	failures int64
	rps      float64
	p50, p99 time.Duration
	firstErr string
}

// load drives conns closed-loop workers for d, each sending make()'s requests.
func load(ctx context.Context, conns int, d time.Duration, mk func(worker, seq int) (*http.Request, error), ok func(*http.Response, []byte) bool) result {
	transport := &http.Transport{MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, IdleConnTimeout: time.Minute}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	lat := make([][]time.Duration, conns)
	var failures atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for seq := 0; ctx.Err() == nil; seq++ {
				req, err := mk(w, seq)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					return
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						failures.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					}
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[w] = append(lat[w], time.Since(t0))
				if !ok(resp, body) {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("status %d: %.200s", resp.StatusCode, body))
				}
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r := result{requests: int64(len(all)), failures: failures.Load()}
	if len(all) > 0 {
		r.rps = float64(len(all)) / elapsed.Seconds()
		r.p50 = all[len(all)*50/100]
		r.p99 = all[min(len(all)-1, len(all)*99/100)]
	}
	if v, ok := firstErr.Load().(string); ok {
		r.firstErr = v
	}
	return r
}

// rss reads a process's current and peak resident set size in KiB (Linux).
func rss(pid int) (cur, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var v int64
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &v); err == nil {
			cur = v
		}
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &v); err == nil {
			peak = v
		}
	}
	return cur, peak
}
