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
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
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
	wrk       bool
	mockLog   string
	baseline  string // internal: serve the baseline on this address
}

func run(args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("mockbench", flag.ContinueOnError)
	fs.StringVar(&o.bin, "bin", "./mockserver", "path to the mockserver binary")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "duration of each scenario")
	fs.IntVar(&o.conns, "c", 16, "concurrent keep-alive connections")
	fs.BoolVar(&o.wrk, "wrk", true, "cross-check the client with wrk -t1 on the baseline and the fixed-request scenarios (needs wrk on PATH)")
	fs.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenario names (default: all)")
	fs.DurationVar(&o.soak, "soak", 0, "instead of scenarios, run mixed load this long and sample RSS and goroutines")
	fs.BoolVar(&o.fileDB, "file-db", false, "use a temp-file DB instead of :memory:")
	fs.StringVar(&o.mockLog, "mock-log", "", "write the mock's log to this file")
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
func start(cmd *exec.Cmd, healthPath string, logTo io.Writer) (*proc, error) {
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
			if logTo != nil {
				fmt.Fprintln(logTo, sc.Text())
			}
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
