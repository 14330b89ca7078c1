package providers_test

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
	"github.com/mocksuite/mocksuite/internal/handlers/geniusplugin"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// TestEveryEntryIsComplete walks the registry: every descriptor and every
// site carries every part the rest of the program reads, and no two claim
// the same name, host or config section.
func TestEveryEntryIsComplete(t *testing.T) {
	cfg := providers.DefaultConfig()
	claimed := map[reflect.Type]string{}
	siteNames := map[string]bool{}
	hosts := map[string]string{}
	for _, d := range providers.All() {
		require.NotEmpty(t, d.Name)
		_, err := fs.Stat(fixtures.FS, d.Name+".yaml")
		assert.NoError(t, err, "%s: fixtures/%s.yaml is embedded", d.Name, d.Name)
		assert.Equal(t, d.Name, d.Seeder.Provider(), "%s: the seeder loads the package's own fixtures", d.Name)
		if assert.NotNil(t, d.Config, "%s: config section", d.Name) {
			sec := d.Config()
			require.NotNil(t, sec, d.Name)
			assert.NotSame(t, sec, d.Config(), "%s: each call makes a new section", d.Name)
			assert.NoError(t, sec.Validate(), "%s: the defaults are valid", d.Name)
			// The default config holds it, defaulted, under the descriptor's name.
			assert.Equal(t, sec, cfg.Section(d.Name), "%s: the section's YAML key is its name", d.Name)
			typ := reflect.TypeOf(sec)
			assert.Empty(t, claimed[typ], "%s: section type already claimed by %s", d.Name, claimed[typ])
			claimed[typ] = d.Name
			// What the section marshals to loads back under its name, strictly.
			text, err := yaml.Marshal(map[string]config.Section{d.Name: sec})
			require.NoError(t, err, d.Name)
			c := providers.DefaultConfig()
			require.NoError(t, c.LoadYAML(text), "%s:\n%s", d.Name, text)
			assert.Equal(t, sec, c.Section(d.Name), d.Name)
			err = c.LoadYAML([]byte(d.Name + ":\n  surprise_key: 1\n"))
			assert.EqualError(t, err, "config: line 2: field surprise_key not found in type "+typ.Elem().String(), d.Name)
		}
		require.NotEmpty(t, d.Sites, d.Name)
		for _, s := range d.Sites {
			assert.NotEmpty(t, s.Name, d.Name)
			assert.False(t, siteNames[s.Name], "site name %q twice", s.Name)
			siteNames[s.Name] = true
			assert.NotEmpty(t, s.Hosts, s.Name)
			for _, h := range s.Hosts {
				assert.Equal(t, strings.ToLower(h), h, "%s: hosts are matched lower-case", s.Name)
				assert.Empty(t, hosts[h], "host %s also claimed by %s", h, hosts[h])
				hosts[h] = s.Name
			}
			assert.NotEmpty(t, s.Credentials, s.Name)
			for _, c := range s.Credentials {
				assert.True(t, c.Label != "" && c.Value != "", "%s: credential %+v", s.Name, c)
			}
			assert.NotNil(t, s.Sign.Run, s.Name)
			assert.True(t, s.Sign.Synopsis != "" && s.Sign.Summary != "", "%s: sign help", s.Name)
			assert.True(t, strings.HasPrefix(s.Sign.Example, "mockserver sign "+s.Name+" "), "%s: sign example %q", s.Name, s.Sign.Example)
			assert.NotNil(t, s.FailureContentType, s.Name)
			assert.NotNil(t, s.New, s.Name)
		}
	}
	assert.Len(t, claimed, len(cfg.SectionNames()), "every section of the default config belongs to one descriptor")
	require.NoError(t, providers.CheckConfig(&cfg))
	assert.Equal(t, len(providers.Sites()), len(siteNames))
}

// TestConfigListsNoProvider checks that config.Config names no provider:
// the sections come from the registry, so the list of providers cannot
// come back as fields (nor as YAML keys) of the config.
func TestConfigListsNoProvider(t *testing.T) {
	ct := reflect.TypeFor[config.Config]()
	for _, d := range providers.All() {
		names := []string{d.Name}
		for _, s := range d.Sites {
			names = append(names, s.Name)
		}
		for i := range ct.NumField() {
			f := ct.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			for _, n := range names {
				assert.False(t, strings.EqualFold(f.Name, n) || tag == n, "config.Config.%s is provider %s's: its section belongs to its descriptor", f.Name, n)
			}
		}
	}
}

// TestAMissingSectionIsRefused checks what happens to a config that was not
// built by DefaultConfig: the app refuses it, naming the first section
// missing, before any provider could look its section up.
func TestAMissingSectionIsRefused(t *testing.T) {
	bare := config.Default()
	bare.DB = ":memory:"
	assert.EqualError(t, providers.CheckConfig(&bare), `config: section "nodeco" is <nil>, want *nodeco.Config: build the config with providers.DefaultConfig`)
	_, err := app.New(context.Background(), bare, slog.New(slog.DiscardHandler))
	assert.EqualError(t, err, `config: section "nodeco" is <nil>, want *nodeco.Config: build the config with providers.DefaultConfig`)

	wrong := config.Default()
	all := providers.All()
	for i, d := range all {
		wrong.Attach(d.Name, all[(i+1)%len(all)].Config())
	}
	assert.EqualError(t, providers.CheckConfig(&wrong), `config: section "nodeco" is *hostdime.Config, want *nodeco.Config: build the config with providers.DefaultConfig`)
}

// TestAppOwnsItsConfig checks that the app clones the config it is given:
// the caller's copy shares its sections (pointers), and changing it after
// the start must not reach the running server.
func TestAppOwnsItsConfig(t *testing.T) {
	cfg := providers.DefaultConfig()
	cfg.DB = ":memory:"
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.Close() })
	g := config.SectionOf[*gempay.Config](&cfg)
	g.OrderPerUser = 1
	config.SectionOf[*geniusplugin.Config](&cfg).Prices["10k"] = "1.00"
	assert.Equal(t, 30, config.SectionOf[*gempay.Config](&a.Config).OrderPerUser)
	assert.Empty(t, config.SectionOf[*geniusplugin.Config](&a.Config).Prices)
	assert.NotSame(t, g, config.SectionOf[*gempay.Config](&a.Config))
}

// TestAppReadsTheRegistry checks that the app serves exactly the registry's
// sites, routes every real host name to its site, names the prefixes in its
// 404 text, and shows every site's host and credentials on the dashboard.
func TestAppReadsTheRegistry(t *testing.T) {
	s := apptest.New(t, nil)
	sites := providers.Sites()
	var names []string
	for _, p := range s.App.Providers {
		names = append(names, p.Name())
	}
	var want []string
	for _, site := range sites {
		want = append(want, site.Name)
	}
	assert.Equal(t, want, names)
	assert.Equal(t, "/nodeco, /virtdedi, /hostdime, /gempay, /geniusplugin, /zipay", providers.Prefixes())

	for _, site := range sites {
		for _, host := range site.Hosts {
			// The same unknown path by prefix and by real host: the same
			// provider answers, in its own envelope, and the journal says which.
			byPrefix := s.Do(t, "POST", "/"+site.Name+"/no/such/path", "")
			byHost := s.Do(t, "POST", "/no/such/path", "", "Host", strings.ToUpper(host)+":443")
			assert.Equal(t, byPrefix.Status, byHost.Status, host)
			assert.Equal(t, byPrefix.Body, byHost.Body, host)
			assert.NotContains(t, byHost.Body, "no route", host)
			last := s.Do(t, "GET", "/__admin/requests?limit=1", "")
			assert.Contains(t, last.Body, `"provider":"`+site.Name+`"`, host)
		}
	}
	r := s.Do(t, "GET", "/elsewhere", "", "Host", "api.example.com")
	assert.Equal(t, http.StatusNotFound, r.Status)
	assert.Equal(t, `{"error":"no route /elsewhere: providers live under /nodeco, /virtdedi, /hostdime, /gempay, /geniusplugin, /zipay; the control plane under /__admin"}`+"\n", r.Body)
	// The one error writer of the control plane: the same content type, and
	// the path as sent (no HTML escaping of & < >).
	r = s.Do(t, "GET", "/a&b<c>", "")
	assert.Equal(t, http.StatusNotFound, r.Status)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(r.Body, `{"error":"no route /a&b<c>: providers live under `), r.Body)

	for _, site := range sites {
		// A reset of each site reloads the store tables its descriptor names.
		r := s.Do(t, "POST", "/__admin/reset?provider="+site.Name, "")
		assert.Equal(t, `{"status":"reset"}`+"\n", r.Body, site.Name)
	}

	ui := s.Do(t, "GET", "/__admin/ui", "")
	require.Equal(t, http.StatusOK, ui.Status)
	for _, site := range sites {
		assert.Contains(t, ui.Body, `<td><code>https://`+site.Hosts[0]+`</code></td>`, site.Name)
		for _, c := range site.Credentials {
			assert.Contains(t, ui.Body, `<span class="label">`+c.Label+`</span> <code class="secret">`+c.Value+`</code>`, site.Name)
		}
	}
}

// TestTLSNamesComeFromTheRegistry checks that the certificate the local CA
// issues covers every real host name of the registry.
func TestTLSNamesComeFromTheRegistry(t *testing.T) {
	s := apptest.New(t, func(c *config.Config) {
		c.TLS.Enabled = true
		c.TLS.CADir = t.TempDir()
	})
	leaf := s.App.TLS.Certificates[0].Leaf
	require.NotNil(t, leaf)
	var hosts []string
	for _, site := range providers.Sites() {
		hosts = append(hosts, site.Hosts...)
	}
	assert.Equal(t, hosts, providers.HostNames())
	for _, h := range hosts {
		assert.NoError(t, leaf.VerifyHostname(h), h)
	}
	assert.Error(t, leaf.VerifyHostname("api.example.com"))
}

// TestFailureContentTypeMatchesTheEnvelope checks each site's declared
// failure content type against what its WriteFailure really writes, for
// every format a request can ask for.
func TestFailureContentTypeMatchesTheEnvelope(t *testing.T) {
	s := apptest.New(t, nil)
	paths := []string{"/", "/api/v1/get_arch_list", "/api/v1/get_arch_list?format=xml", "/api/v1/get_arch_list?format=XML",
		"/v1/server/get.json", "/v1/server/get.xml", "/v1/server/get.yml", "/v1/server/get.txt", "/api/order", "/api/v1/getcredit/"}
	for i, site := range providers.Sites() {
		p := s.App.Providers[i]
		require.Equal(t, site.Name, p.Name())
		for _, path := range paths {
			r := handlers.WithRequestInfo(httptest.NewRequest("POST", path, nil), netip.MustParseAddr("127.0.0.1"), "http://example.test/"+site.Name)
			w := httptest.NewRecorder()
			p.WriteFailure(w, r, handlers.Failure{Kind: handlers.FailFault, Status: http.StatusInternalServerError})
			assert.Equal(t, w.Header().Get("Content-Type"), site.FailureContentType(r), "%s %s", site.Name, path)
		}
	}
}

// TestSign checks the dispatch of "mockserver sign": each site's signer
// runs under its own name and real host, and an unknown name lists them all.
func TestSign(t *testing.T) {
	var out bytes.Buffer
	err := providers.Sign("paypal", nil, &out, 0)
	assert.EqualError(t, err, `sign: unknown provider "paypal" (one of gempay, geniusplugin, hostdime, nodeco, virtdedi, zipay)`)

	require.NoError(t, providers.Sign("virtdedi", []string{"get_arch_list", "--random", "1"}, &out, 0))
	assert.Contains(t, out.String(), "http://127.0.0.1:8080/virtdedi/api-sandbox/v1/get_arch_list")
	out.Reset()
	require.NoError(t, providers.Sign("nodeco", []string{"get_arch_list", "--random", "1"}, &out, 0))
	assert.Contains(t, out.String(), "http://127.0.0.1:8080/nodeco/api-sandbox/v1/get_arch_list")
	args := map[string][]string{"nodeco": {"get_arch_list"}, "virtdedi": {"get_arch_list"}, "gempay": {"--endpoint", "products"}}
	for _, site := range providers.Sites() {
		out.Reset()
		assert.NoError(t, providers.Sign(site.Name, args[site.Name], &out, 1726354980), site.Name)
		assert.Contains(t, out.String(), "curl -sS", site.Name)
	}
}

// TestHostLiteralsLiveInTheirDescriptor checks that each real host name is
// written in exactly one non-test Go file, its provider's descriptor, so
// that a host changes in one place.
func TestHostLiteralsLiveInTheirDescriptor(t *testing.T) {
	root := filepath.Join("..", "..")
	files := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				for _, h := range providers.HostNames() {
					if strings.Contains(lit.Value, h) && !slices.Contains(files[h], rel) {
						files[h] = append(files[h], rel)
					}
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	for _, d := range providers.All() {
		for _, s := range d.Sites {
			for _, h := range s.Hosts {
				assert.Equal(t, []string{filepath.Join("internal", "handlers", d.Name, "descriptor.go")}, files[h], h)
			}
		}
	}
}

// TestUnknownFixtureKeyFailsStartup checks, for every provider of the
// registry, that a fixtures directory whose file has a key the loader does not
// know stops the server from starting, naming the file and the key.
func TestUnknownFixtureKeyFailsStartup(t *testing.T) {
	for _, d := range providers.All() {
		dir := t.TempDir()
		entries, err := fs.ReadDir(fixtures.FS, ".")
		require.NoError(t, err)
		for _, e := range entries {
			raw, err := fs.ReadFile(fixtures.FS, e.Name())
			require.NoError(t, err)
			if e.Name() == d.Name+".yaml" {
				raw = append(raw, "\nsurprise_key: 1\n"...)
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), raw, 0o600))
		}
		cfg := providers.DefaultConfig()
		cfg.DB = filepath.Join(t.TempDir(), "x.db")
		cfg.FixturesDir = dir
		_, err = app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
		require.Error(t, err, d.Name)
		assert.Contains(t, err.Error(), d.Name+".yaml: decode: ", d.Name)
		assert.Contains(t, err.Error(), "field surprise_key not found", d.Name)
	}
}
