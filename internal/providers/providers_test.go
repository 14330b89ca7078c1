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
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// TestEveryEntryIsComplete walks the registry: every descriptor and every
// site carries every part the rest of the program reads, and no two claim
// the same name, host or config section.
func TestEveryEntryIsComplete(t *testing.T) {
	cfg := config.Default()
	sections := cfg.Sections()
	claimed := map[config.Section]string{}
	siteNames := map[string]bool{}
	hosts := map[string]string{}
	for _, d := range providers.All() {
		require.NotEmpty(t, d.Name)
		_, err := fs.Stat(fixtures.FS, d.Name+".yaml")
		assert.NoError(t, err, "%s: fixtures/%s.yaml is embedded", d.Name, d.Name)
		assert.Equal(t, d.Name, d.Seeder.Provider(), "%s: the seeder loads the package's own fixtures", d.Name)
		if assert.NotNil(t, d.Config, "%s: config section", d.Name) {
			sec := d.Config(&cfg)
			assert.Contains(t, sections, sec, "%s: the section is a field of config.Config", d.Name)
			assert.Empty(t, claimed[sec], "%s: section already claimed by %s", d.Name, claimed[sec])
			claimed[sec] = d.Name
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
	assert.Len(t, claimed, len(sections), "every provider section of config.Config belongs to one descriptor")
	assert.Equal(t, len(providers.Sites()), len(siteNames))
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
		cfg := config.Default()
		cfg.DB = filepath.Join(t.TempDir(), "x.db")
		cfg.FixturesDir = dir
		_, err = app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
		require.Error(t, err, d.Name)
		assert.Contains(t, err.Error(), d.Name+".yaml: decode: ", d.Name)
		assert.Contains(t, err.Error(), "field surprise_key not found", d.Name)
	}
}
