// Package app wires the server together: config → store → clock → providers →
// router → http.Server, and shuts it down gracefully.
package app

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/faults"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/overrides"
	"github.com/mocksuite/mocksuite/internal/providers"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/tlsutil"
)

// Version is the server version; release builds set it with -ldflags -X.
var Version = "0.1.0"

// App is a wired server.
type App struct {
	Config    config.Config
	Clock     *clock.Controllable
	Store     *store.Store
	Journal   *journal.Ring
	IDs       *ids.Source
	Providers []handlers.Provider
	Faults    *faults.Registry
	Overrides *overrides.Registry
	Logger    *slog.Logger
	// TLS is the HTTPS listener's configuration when tls is enabled, else nil.
	TLS *tls.Config

	handler http.Handler
}

// New builds the app from a validated config.
func New(ctx context.Context, cfg config.Config, logger *slog.Logger) (*App, error) {
	if err := providers.CheckConfig(&cfg); err != nil {
		return nil, err
	}
	// The app owns its config: a Config copied by value shares its
	// sections, and the caller's copy must not reach a running server.
	cfg = cfg.Clone()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	trusted, err := cfg.TrustedPrefixes()
	if err != nil {
		return nil, err
	}
	fx := fs.FS(fixtures.FS)
	if cfg.FixturesDir != "" {
		st, err := os.Stat(cfg.FixturesDir)
		if err != nil || !st.IsDir() {
			return nil, fmt.Errorf("config: fixtures_dir: %s is not a readable directory", cfg.FixturesDir)
		}
		fx = os.DirFS(cfg.FixturesDir)
	}
	st, err := store.Open(ctx, cfg.DB, fx, providers.Seeders())
	if err != nil {
		return nil, err
	}
	a := &App{
		Config:  cfg,
		Clock:   clock.New(),
		Store:   st,
		Journal: journal.NewBounded(cfg.JournalSize, cfg.JournalBytes),
		IDs:     ids.NewAt(cfg.Seed, st.Boot()),
		Logger:  logger,
	}
	deps := handlers.Deps{Store: st, Clock: a.Clock, Config: &a.Config, IPs: guard.NewIPResolver(trusted), IDs: a.IDs, Logger: logger}
	var targets []faults.Target
	for _, s := range providers.Sites() {
		a.Providers = append(a.Providers, s.New(deps))
		targets = append(targets, faults.Target{Name: s.Name, ContentType: s.FailureContentType})
	}
	a.Faults = faults.New(targets, a.IDs, logger)
	for _, p := range a.Providers {
		if eps := handlers.Endpoints(p); eps != nil {
			a.Faults.KnowEndpoints(p.Name(), eps)
		}
	}
	if a.Overrides, err = overrides.New(ctx, st, a.Clock, a.Providers, logger); err != nil {
		_ = st.Close()
		return nil, err
	}
	if cfg.OverridesFile != "" {
		if err := a.Overrides.LoadFile(ctx, cfg.OverridesFile); err != nil {
			_ = st.Close()
			return nil, err
		}
	}
	if cfg.TLS.Enabled {
		a.TLS, err = tlsutil.ServerConfig(tlsutil.Options{CertFile: cfg.TLS.Cert, KeyFile: cfg.TLS.Key, CADir: cfg.CADirFor(), CAOut: cfg.TLS.CAOut,
			Hosts: providers.HostNames()}, time.Now())
		if err != nil {
			_ = st.Close()
			return nil, err
		}
	}
	a.handler = a.routes(deps)
	return a, nil
}

// Handler is the root handler (for httptest servers).
func (a *App) Handler() http.Handler { return a.handler }

func (a *App) routes(deps handlers.Deps) http.Handler {
	byPrefix := map[string]http.Handler{}
	byName := map[string]http.Handler{}
	// Faults are checked first, then overrides that answer before the provider's checks.
	before := interceptors{a.Faults, a.Overrides}
	for _, p := range a.Providers {
		// After-auth overrides answer from the provider's hook, once its checks passed.
		after := handlers.WithAuthInterceptor(a.Overrides)
		byPrefix[p.Name()] = handlers.Wrap(p, deps, a.Journal, "/"+p.Name(), before, after)
		byName[p.Name()] = handlers.Wrap(p, deps, a.Journal, "", before, after)
	}
	hosts := providers.Hosts()
	byHost := map[string]http.Handler{}
	for host, name := range hosts {
		byHost[host] = byName[name]
	}
	adm := admin.New(admin.Deps{Version: Version, Clock: a.Clock, Store: a.Store, Journal: a.Journal, IDs: a.IDs, Seed: a.Config.Seed, Providers: a.Providers, Logger: a.Logger,
		Hosts: hosts, Credentials: providers.Credentials(), Stores: providers.Stores(), OnReset: func(provider string) {
			a.Faults.Clear(provider)
			a.Overrides.OnReset(provider)
		}, Overrides: a.Overrides, Faults: a.Faults})
	a.Faults.Mount(adm)
	a.Overrides.Mount(adm)
	root := chi.NewRouter()
	root.Mount("/__admin", admin.Guard(admin.GuardConfig{Token: a.Config.AdminToken, Hosts: a.Config.AdminHosts, ListenAddr: a.Config.Addr}, adm))
	root.Get("/", a.index)
	root.NotFound(notFound("providers live under " + providers.Prefixes() + "; the control plane under /__admin"))

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := byHost[hostOnly(r.Host)]; ok {
			h.ServeHTTP(w, r)
			return
		}
		if name, rest, ok := firstSegment(r.URL.Path); ok {
			if h, ok := byPrefix[name]; ok {
				h.ServeHTTP(w, stripPrefix(r, "/"+name, rest))
				return
			}
		}
		root.ServeHTTP(w, r)
	})
}

// interceptors tries each interceptor in order; the first that answers wins.
type interceptors []handlers.Interceptor

func (is interceptors) Intercept(w http.ResponseWriter, r *http.Request, p handlers.Provider) bool {
	for _, i := range is {
		if i.Intercept(w, r, p) {
			return true
		}
	}
	return false
}

// notFound answers paths outside every provider and the control plane, with
// a hint where they are.
func notFound(hint string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		admin.WriteError(w, http.StatusNotFound, "no route "+r.URL.Path+": "+hint)
	}
}

func hostOnly(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// firstSegment splits "/gempay/api/order" into "gempay" and "/api/order".
func firstSegment(p string) (string, string, bool) {
	if !strings.HasPrefix(p, "/") {
		return "", "", false
	}
	seg, rest, _ := strings.Cut(p[1:], "/")
	return seg, "/" + rest, seg != ""
}

func stripPrefix(r *http.Request, prefix, rest string) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	u := *r.URL
	u.Path = rest
	if u.RawPath != "" {
		u.RawPath = strings.TrimPrefix(u.RawPath, prefix)
		if u.RawPath == "" {
			u.RawPath = "/"
		}
	}
	r2.URL = &u
	return r2
}

// Serve serves on ln until ctx ends, then stops accepting, lets in-flight
// requests finish within the shutdown timeout, and returns.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	return a.ServeTLS(ctx, ln, nil)
}

// ServeTLS is Serve with, when tlsLn is not nil, HTTPS on tlsLn too (a.TLS
// must be set). One server answers both, so one shutdown drains both.
func (a *App) ServeTLS(ctx context.Context, ln, tlsLn net.Listener) error {
	if tlsLn != nil && a.TLS == nil {
		return errors.New("serve: an HTTPS listener needs tls enabled in the config")
	}
	srv := &http.Server{
		Handler:           bodyDeadline(a.handler, a.Config.ReadBodyTimeout),
		ReadHeaderTimeout: a.Config.ReadHeaderTimeout,
		IdleTimeout:       a.Config.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
	}
	a.warnIfOpen(ln, tlsLn)
	workCtx, stopWork := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, p := range a.Providers {
		if run, ok := p.(handlers.Runner); ok {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run.Run(workCtx)
			}()
		}
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if tlsLn != nil {
		go func() { errc <- srv.Serve(tls.NewListener(tlsLn, a.TLS)) }()
	}
	var err error
	select {
	case err = <-errc:
		_ = srv.Close() // one listener failed: stop the other too
	case <-ctx.Done():
		a.Logger.Info("shutting down", "timeout", a.Config.ShutdownTimeout.String())
		sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
		err = srv.Shutdown(sctx)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("shutdown: in-flight requests did not finish within %s", a.Config.ShutdownTimeout)
		}
	}
	stopWork()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Close closes the store.
func (a *App) Close() error { return a.Store.Close() }
