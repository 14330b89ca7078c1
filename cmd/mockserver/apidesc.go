package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// describe implements "mockserver openapi PROVIDER" and "mockserver postman":
// the same documents /__admin/openapi/{provider}.json and /__admin/postman.json
// serve, built from a throwaway in-memory instance with the given config.
func describe(what string, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mockserver "+what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "the mock's origin written into servers / baseUrl")
	cfgPath := fs.String("config", "", "YAML config file (env MOCK_CONFIG)")
	out := fs.String("o", "", "write to this file instead of standard output")
	var provider string
	if what == "openapi" {
		if len(args) == 0 || isFlag(args[0]) {
			fmt.Fprintln(stderr, "usage: mockserver openapi PROVIDER [--url ORIGIN] [--config FILE] [-o FILE]")
			return exitUsage
		}
		provider, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "mockserver:", err)
		return exitUsage
	}
	cfg := providers.DefaultConfig()
	path := *cfgPath
	if path == "" {
		path = getenv("MOCK_CONFIG")
	}
	if path != "" {
		if err := cfg.LoadFile(path); err != nil {
			return fail(err)
		}
	}
	cfg.DB = ":memory:"
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return fail(err)
	}
	defer a.Close()
	apis := apidesc.Collect(a.Providers)
	origin := strings.TrimRight(*base, "/")
	var body []byte
	if what == "openapi" {
		api, ok := apidesc.Find(apis, provider)
		if !ok {
			return fail(fmt.Errorf("openapi: unknown provider %q (one of %s)", provider, strings.Join(apidesc.Names(apis), ", ")))
		}
		body, err = apidesc.OpenAPI(api, origin+"/"+api.Name)
	} else {
		body, err = apidesc.Postman(apis, origin)
	}
	if err != nil {
		fmt.Fprintln(stderr, "mockserver:", err)
		return exitFail
	}
	body = append(body, '\n')
	if *out != "" {
		if err := os.WriteFile(*out, body, 0o644); err != nil {
			fmt.Fprintln(stderr, "mockserver:", err)
			return exitFail
		}
		return 0
	}
	_, _ = stdout.Write(body)
	return 0
}
