package handlers

import (
	"net/http"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Descriptor is everything the rest of the program knows about one provider
// package. Each provider package exports one (Descriptor()), and the registry
// (internal/providers) lists them: routing, TLS names, the dashboard, store
// seeding, "mockserver sign" and config validation all read it from there.
type Descriptor struct {
	// Name names the package's fixtures file (fixtures/<Name>.yaml), its
	// config section and its store tables: "nodeco" for both NODE flavours.
	Name string
	// Sites are the emulators the package serves, one per path prefix. Most
	// serve one; NODE serves nodeco and virtdedi from one set of tables.
	Sites []Site
	// Config makes the package's section of the server config, defaulted
	// (config.Defaulted[Config]): its "<Name>:" key, where the package's
	// own settings, their defaults and their validation live. config cannot
	// import this package; the registry attaches it (providers.DefaultConfig).
	Config func() config.Section
	// Seeder loads fixtures/<Name>.yaml and names the tables a reset clears
	// (store cannot import this package).
	Seeder store.Seeder
}

// Site is one emulator: a path prefix (/<Name>/…) and the real host names
// under which it answers the provider's real paths.
type Site struct {
	// Name is the path prefix and the provider's name in the journal, the
	// admin API, fault injection, the dashboard and "mockserver sign".
	Name string
	// Hosts are the provider's real host names: requests carrying one of them
	// in Host reach this site without a prefix, and the local CA's server
	// certificate covers them.
	Hosts []string
	// Credentials are the documented sample credentials the dashboard and
	// the docs show, so that a first request needs no look at the fixtures.
	Credentials []Credential
	// Sign is "mockserver sign <Name>".
	Sign signcli.Signer
	// FailureContentType is the Content-Type of the site's error envelope
	// for r (it may depend on the format r asks for). A malformed-body fault
	// answers with it, so a client parses the cut body as it would the real one.
	FailureContentType func(r *http.Request) string
	// New builds the emulator. Its optional parts are interfaces the value
	// implements: AdminMounter (routes under /__admin/<Name>), Runner (a
	// background worker) and admin.StateViewer (dashboard state pages).
	New func(Deps) Provider
}

// Credential is one documented sample credential: "api key" and its value.
type Credential struct{ Label, Value string }

// ContentType returns a FailureContentType that does not depend on the request.
func ContentType(ct string) func(*http.Request) string {
	return func(*http.Request) string { return ct }
}

// Single describes a package that serves one site under its own name (every
// provider but NODE, which serves two flavours from one package).
func Single(site Site, section func() config.Section, seeder store.Seeder) Descriptor {
	return Descriptor{Name: site.Name, Sites: []Site{site}, Config: section, Seeder: seeder}
}

// Attach adds a new defaulted section of d to c under d's name. The registry
// attaches every provider's; a provider's own tests attach just theirs.
func (d Descriptor) Attach(c *config.Config) { c.Attach(d.Name, d.Config()) }

// Builds adapts a package's constructor, which returns its own type, to Site.New.
func Builds[P Provider](newProvider func(Deps) P) func(Deps) Provider {
	return func(d Deps) Provider { return newProvider(d) }
}
