package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
)

// healthPath is the control plane's health route.
const healthPath = "/__admin/health"

// healthcheck probes a running server and says so in one line: on stdout when
// healthy (exit 0), on stderr when not (exit 1). The target is --url or a
// positional URL, a base URL (the health path is added) or a full one; by
// default the server MOCK_ADDR names, so a container's HEALTHCHECK follows
// the port it was given.
func healthcheck(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mockserver healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {} // help goes to stdout below, a mistake gets one line
	flagURL := fs.String("url", "", "base URL (http://127.0.0.1:8080) or full health URL (default: from MOCK_ADDR)")
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	token := fs.String("token", getenv("MOCK_ADMIN_TOKEN"), "admin token to send, for a URL behind it (env MOCK_ADMIN_TOKEN)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeHelp(stdout)
			return 0
		}
		fmt.Fprintln(stderr, "usage: mockserver healthcheck [--url] [URL] (mockserver help says more)")
		return exitUsage
	}
	given := *flagURL
	switch rest := fs.Args(); {
	case len(rest) > 1 || (len(rest) == 1 && given != ""):
		fmt.Fprintln(stderr, "mockserver: healthcheck takes one URL, --url or positional")
		return exitUsage
	case len(rest) == 1:
		given = rest[0]
	}
	if given == "" {
		base, err := defaultBase(getenv)
		if err != nil {
			fmt.Fprintln(stderr, "mockserver:", err)
			return exitUsage
		}
		given = base
	}
	target, err := healthURL(given)
	if err != nil {
		fmt.Fprintln(stderr, "mockserver:", err)
		return exitUsage
	}
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		fmt.Fprintln(stderr, "mockserver:", err)
		return exitUsage
	}
	if *token != "" {
		req.Header.Set("Authorization", "Bearer "+*token)
	}
	client := &http.Client{Timeout: *timeout}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "unhealthy:", err)
		return exitFail
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "unhealthy: status %d from %s\n", resp.StatusCode, target)
		return exitFail
	}
	fmt.Fprintln(stdout, "healthy:", target)
	return 0
}

// healthURL makes a probe URL of what the user gave: a scheme-less address
// gets http://, a base URL (no path) gets the health path, a full URL stays.
func healthURL(given string) (string, error) {
	s := given
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("healthcheck: %q is not an http(s) URL such as http://127.0.0.1:8080", given)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = healthPath
	}
	return u.String(), nil
}

// defaultBase is the base URL of the server this environment starts:
// MOCK_ADDR, else the default address.
func defaultBase(getenv func(string) string) (string, error) {
	addr := getenv("MOCK_ADDR")
	if addr == "" {
		addr = config.Default().Addr
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return "", fmt.Errorf("MOCK_ADDR: %q is not host:port", addr)
	}
	return localBase(addr), nil
}

// localBase is the URL a local client reaches a listen address at: a
// wildcard host (0.0.0.0, ::, none) is reached on 127.0.0.1.
func localBase(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	switch host {
	case "", "0.0.0.0", "::":
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
