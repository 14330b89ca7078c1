// Command mockserver serves the five provider emulators and the control plane.
//
//	mockserver [serve] [--addr A] [--db PATH] [--config FILE] [--debug] [--seed N]
//	mockserver healthcheck [--url URL]
//	mockserver sign PROVIDER [flags] [name=value ...]
//	mockserver version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/signcli"
)

// Exit codes: 1 for a failed healthcheck or a runtime failure, 2 for bad usage,
// bad config, an unusable DB or a busy port (so scripts can tell them apart).
const (
	exitFail  = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := "serve"
	if len(args) > 0 && !isFlag(args[0]) {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args, stderr, getenv)
	case "healthcheck":
		return healthcheck(args, stderr)
	case "version":
		fmt.Fprintln(stdout, "mockserver", app.Version)
		return 0
	case "sign":
		if len(args) == 0 {
			fmt.Fprintln(stderr, "usage: mockserver sign PROVIDER [flags] [name=value ...]")
			return exitUsage
		}
		if err := signcli.Run(args[0], args[1:], stdout, time.Now().Unix()); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		return 0
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, "usage: mockserver [serve|healthcheck|sign|version] [flags]")
		return 0
	default:
		fmt.Fprintf(stderr, "mockserver: unknown command %q (serve, healthcheck, sign, version)\n", cmd)
		return exitUsage
	}
}

func isFlag(s string) bool { return len(s) > 0 && s[0] == '-' }

func serve(args []string, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mockserver serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "", "listen address (env MOCK_ADDR, default 127.0.0.1:8080; port 0 picks a free port)")
	db := fs.String("db", "", "SQLite file, or :memory: (env MOCK_DB, default mocksuite.db)")
	cfgPath := fs.String("config", "", "YAML config file (env MOCK_CONFIG)")
	debug := fs.Bool("debug", false, "add X-Mock-Explain headers (env MOCK_DEBUG)")
	seed := fs.Int64("seed", 0, "make generated ids deterministic (env MOCK_SEED)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg := config.Default()
	path := *cfgPath
	if path == "" {
		path = getenv("MOCK_CONFIG")
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "mockserver:", err)
		return exitUsage
	}
	if path != "" {
		if err := cfg.LoadFile(path); err != nil {
			return fail(err)
		}
	}
	if err := cfg.ApplyEnv(getenv); err != nil {
		return fail(err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["addr"] {
		cfg.Addr = *addr
	}
	if set["db"] {
		cfg.DB = *db
	}
	if set["debug"] {
		cfg.Debug = *debug
	}
	if set["seed"] {
		cfg.Seed = *seed
	}
	level := slog.LevelInfo
	if cfg.Debug {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cfg.Validate(); err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fail(fmt.Errorf("listen on %s: %w", cfg.Addr, err))
	}
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		ln.Close()
		return fail(err)
	}
	logger.Info("listening on http://"+ln.Addr().String(), "db", cfg.DB, "version", app.Version)
	serveErr := a.Serve(ctx, ln)
	closeErr := a.Close()
	if err := errors.Join(serveErr, closeErr); err != nil {
		logger.Error("stopped with error", "err", err)
		return exitFail
	}
	logger.Info("stopped")
	return 0
}

func healthcheck(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("mockserver healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "http://127.0.0.1:8080/__admin/health", "health URL")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(*url)
	if err != nil {
		fmt.Fprintln(stderr, "unhealthy:", err)
		return exitFail
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(stderr, "unhealthy: status", resp.StatusCode)
		return exitFail
	}
	return 0
}
