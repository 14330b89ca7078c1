// Package providers is the provider registry: the one list that names the
// emulated providers. Everything that needs to know every provider (app
// routing, TLS names, the dashboard, store seeding, "mockserver sign",
// config validation, the 404 text) reads it from here; a provider package
// describes itself in its Descriptor.
package providers

import (
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
	"github.com/mocksuite/mocksuite/internal/handlers/geniusplugin"
	"github.com/mocksuite/mocksuite/internal/handlers/hostdime"
	"github.com/mocksuite/mocksuite/internal/handlers/nodeco"
	"github.com/mocksuite/mocksuite/internal/handlers/zipay"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
)

// All describes every provider package, in the order the server lists them.
func All() []handlers.Descriptor {
	return []handlers.Descriptor{
		nodeco.Descriptor(),
		hostdime.Descriptor(),
		gempay.Descriptor(),
		geniusplugin.Descriptor(),
		zipay.Descriptor(),
	}
}

// DefaultConfig is the configuration the server runs with when told
// nothing: config.Default's global keys and every provider's section,
// defaulted, under its descriptor's name. Every config the server runs with
// starts here (a file and the environment then overlay it).
func DefaultConfig() config.Config {
	c := config.Default()
	for _, d := range All() {
		d.Attach(&c)
	}
	return c
}

// CheckConfig reports a config that lacks a provider's section (or holds
// another type under its name): one not built by DefaultConfig. That is a
// programming error, never a user's (a file or the environment only
// overlays the sections DefaultConfig attached); the app refuses to start
// with it rather than let a provider panic looking its section up.
func CheckConfig(c *config.Config) error {
	for _, d := range All() {
		if got, want := reflect.TypeOf(c.Section(d.Name)), reflect.TypeOf(d.Config()); got != want {
			return fmt.Errorf("config: section %q is %v, want %v: build the config with providers.DefaultConfig", d.Name, got, want)
		}
	}
	return nil
}

// Sites lists every site (path prefix) of every provider, in order.
func Sites() []handlers.Site {
	var out []handlers.Site
	for _, d := range All() {
		out = append(out, d.Sites...)
	}
	return out
}

// Hosts maps each real host name to the name of the site it reaches.
func Hosts() map[string]string {
	out := map[string]string{}
	for _, s := range Sites() {
		for _, h := range s.Hosts {
			out[h] = s.Name
		}
	}
	return out
}

// HostNames lists the real host names of every site, in order (for the TLS certificate).
func HostNames() []string {
	var out []string
	for _, s := range Sites() {
		out = append(out, s.Hosts...)
	}
	return out
}

// Seeders are the fixture loaders of every provider package, for store.Open.
func Seeders() []store.Seeder {
	var out []store.Seeder
	for _, d := range All() {
		out = append(out, d.Seeder)
	}
	return out
}

// Stores maps each site to the provider package whose store tables and
// fixtures it resets (virtdedi → nodeco: both NODE flavours share them).
func Stores() map[string]string {
	out := map[string]string{}
	for _, d := range All() {
		for _, s := range d.Sites {
			out[s.Name] = d.Name
		}
	}
	return out
}

// Credentials maps each site to its documented sample credentials (the dashboard shows them).
func Credentials() map[string][]handlers.Credential {
	out := map[string][]handlers.Credential{}
	for _, s := range Sites() {
		out[s.Name] = s.Credentials
	}
	return out
}

// Prefixes lists the path prefixes of every site: "/nodeco, /virtdedi, …".
func Prefixes() string {
	var out []string
	for _, s := range Sites() {
		out = append(out, "/"+s.Name)
	}
	return strings.Join(out, ", ")
}

// Sign runs "mockserver sign name args…": it signs with the fixtures built
// into the binary and prints a curl command to out. now is the Unix time a
// signer uses unless told another.
func Sign(name string, args []string, out io.Writer, now int64) error {
	return SignAt(signcli.DefaultBase, name, args, out, now)
}

// SignAt is Sign with base as the mock's base URL when --url is not given
// (mockserver takes it from MOCK_ADDR). With --help it prints the signer's
// usage and returns an error for which signcli.IsHelp is true.
func SignAt(base, name string, args []string, out io.Writer, now int64) error {
	sites := Sites()
	i := slices.IndexFunc(sites, func(s handlers.Site) bool { return s.Name == name })
	if i < 0 {
		return fmt.Errorf("sign: unknown provider %q (one of %s)", name, strings.Join(Names(), ", "))
	}
	s := sites[i]
	return signcli.Exec(s.Sign, signcli.Env{Out: out, Fixtures: fixtures.FS, Now: now, Name: s.Name, Host: s.Hosts[0], Base: base}, args)
}

// Signers lists every site's sign command under the site's name, sorted by
// name (for "mockserver sign --help").
func Signers() []signcli.Command {
	var out []signcli.Command
	for _, s := range Sites() {
		out = append(out, signcli.Command{Name: s.Name, Signer: s.Sign})
	}
	slices.SortFunc(out, func(a, b signcli.Command) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Names lists the sites' names, sorted.
func Names() []string {
	var names []string
	for _, s := range Sites() {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	return names
}
