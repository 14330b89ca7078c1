// Command mockserver serves the five provider emulators and the control plane.
//
//	mockserver [serve] [--addr A] [--db PATH] [--config FILE] [--debug] [--seed N]
//	           [--tls] [--tls-addr A] [--tls-ca-out PATH] [--tls-cert FILE --tls-key FILE]
//	mockserver healthcheck [--url] [URL]
//	mockserver sign PROVIDER [flags] [name=value ...]
//	mockserver version
//	mockserver help
//
// "mockserver help" lists every flag and environment variable.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/providers"
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
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") && cmd == "serve" {
		cmd = "help"
	}
	switch cmd {
	case "serve":
		return serve(args, stdout, stderr, getenv)
	case "healthcheck":
		return healthcheck(args, stdout, stderr, getenv)
	case "version":
		fmt.Fprintln(stdout, "mockserver", app.Version)
		return 0
	case "sign":
		return sign(args, stdout, stderr, getenv)
	case "openapi", "postman":
		return describe(cmd, args, stdout, stderr, getenv)
	case "help", "-h", "-help", "--help":
		writeHelp(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "mockserver: unknown command %q (serve, healthcheck, sign, openapi, postman, version, help)\n", cmd)
		return exitUsage
	}
}

func isFlag(s string) bool { return len(s) > 0 && s[0] == '-' }

// sign prints a signed request; the mock's base URL defaults to MOCK_ADDR.
func sign(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 || isFlag(args[0]) {
		if len(args) > 0 && isHelp(args[0]) {
			signcli.Help(stdout, providers.Signers())
			return 0
		}
		signcli.Help(stderr, providers.Signers())
		return exitUsage
	}
	base, err := defaultBase(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "mockserver:", err)
		return exitUsage
	}
	err = providers.SignAt(base, args[0], args[1:], stdout, time.Now().Unix())
	switch {
	case err == nil:
		return 0
	case signcli.IsHelp(err):
		return 0
	default:
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
}

func isHelp(s string) bool { return s == "-h" || s == "-help" || s == "--help" }

// serveFlags are the flags of serve; help prints them from the same set.
type serveFlags struct {
	fs                                             *flag.FlagSet
	addr, db, cfgPath                              *string
	debug, tlsOn                                   *bool
	seed                                           *int64
	tlsAddr, tlsCAOut, tlsCert, tlsKey, adminToken *string
}

func newServeFlags(out io.Writer) serveFlags {
	fs := flag.NewFlagSet("mockserver serve", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {} // help goes to stdout in serve, a mistake gets one line
	return serveFlags{
		fs:         fs,
		addr:       fs.String("addr", "", "listen address (env MOCK_ADDR, default 127.0.0.1:8080; port 0 picks a free port)"),
		db:         fs.String("db", "", "SQLite file, or :memory: (env MOCK_DB, default mocksuite.db)"),
		cfgPath:    fs.String("config", "", "YAML config file (env MOCK_CONFIG)"),
		debug:      fs.Bool("debug", false, "add X-Mock-Explain headers (env MOCK_DEBUG)"),
		seed:       fs.Int64("seed", 0, "make generated ids deterministic (env MOCK_SEED)"),
		tlsOn:      fs.Bool("tls", false, "also serve HTTPS for the real host names (env MOCK_TLS)"),
		tlsAddr:    fs.String("tls-addr", "", "HTTPS listen address (env MOCK_TLS_ADDR, default 127.0.0.1:8443)"),
		tlsCAOut:   fs.String("tls-ca-out", "", "write the local CA certificate here for clients to trust (env MOCK_TLS_CA_OUT)"),
		tlsCert:    fs.String("tls-cert", "", "your own server certificate, PEM (env MOCK_TLS_CERT)"),
		tlsKey:     fs.String("tls-key", "", "the key of --tls-cert, PEM (env MOCK_TLS_KEY)"),
		adminToken: fs.String("admin-token", "", "bearer token the control plane /__admin requires (env MOCK_ADMIN_TOKEN)"),
	}
}

func serve(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	sf := newServeFlags(stderr)
	fs := sf.fs
	addr, db, cfgPath, debug, seed := sf.addr, sf.db, sf.cfgPath, sf.debug, sf.seed
	tlsOn, tlsAddr, tlsCAOut, tlsCert, tlsKey := sf.tlsOn, sf.tlsAddr, sf.tlsCAOut, sf.tlsCert, sf.tlsKey
	adminToken := sf.adminToken
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeHelp(stdout)
			return 0
		}
		fmt.Fprintln(stderr, `run "mockserver help" for every command, flag and environment variable`)
		return exitUsage
	}
	cfg := providers.DefaultConfig()
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
	if set["admin-token"] {
		cfg.AdminToken = *adminToken
	}
	if set["tls"] {
		cfg.TLS.Enabled = *tlsOn
	}
	for name, v := range map[string]struct{ from, to *string }{
		"tls-addr": {tlsAddr, &cfg.TLS.Addr}, "tls-ca-out": {tlsCAOut, &cfg.TLS.CAOut},
		"tls-cert": {tlsCert, &cfg.TLS.Cert}, "tls-key": {tlsKey, &cfg.TLS.Key},
	} {
		if set[name] {
			*v.to = *v.from
		}
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
	var tlsLn net.Listener
	if cfg.TLS.Enabled {
		if tlsLn, err = net.Listen("tcp", cfg.TLS.Addr); err != nil {
			ln.Close()
			return fail(fmt.Errorf("listen on %s: %w", cfg.TLS.Addr, err))
		}
	}
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		ln.Close()
		if tlsLn != nil {
			tlsLn.Close()
		}
		return fail(err)
	}
	logger.Info("listening on http://"+ln.Addr().String(), "db", cfg.DB, "version", app.Version, "dashboard", localBase(ln.Addr().String())+"/__admin/ui")
	if tlsLn != nil {
		logger.Info("listening on https://"+tlsLn.Addr().String(), "ca_dir", cfg.CADirFor(), "ca_out", cfg.TLS.CAOut)
	}
	serveErr := a.ServeTLS(ctx, ln, tlsLn)
	closeErr := a.Close()
	if err := errors.Join(serveErr, closeErr); err != nil {
		logger.Error("stopped with error", "err", err)
		return exitFail
	}
	logger.Info("stopped")
	return 0
}
