package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/verify"
	"github.com/mocksuite/mocksuite/mocksign"
)

// The credentials are the embedded fixtures', as mocksign publishes them.
const (
	gempayPrice   = "15000" // reseller price of product 1
	benchBalance  = 1_000_000_000_000_000
	successGempay = `"status":"success"`
)

// scenario makes the requests of one measured workload.
type scenario struct {
	name string
	mk   func(run int64) func(worker, seq int) request
	ok   func(status int, body []byte) bool
	// same is the one request every call sends, for scenarios that can be
	// replayed verbatim (and so cross-checked with wrk); nil otherwise.
	same *request
}

func status200With(marker string) func(int, []byte) bool {
	m := []byte(marker)
	return func(status int, body []byte) bool {
		return status == http.StatusOK && bytes.Contains(body, m)
	}
}

// productsRequest is the Gempay product list, also what the baseline serves.
func productsRequest() request {
	return request{method: http.MethodGet, path: "/gempay/api/products", header: [][2]string{{"Authorization", "Bearer " + mocksign.Gempay.APIKey}}}
}

// fixedScenario is a scenario whose every request is the same.
func fixedScenario(name string, r request, ok func(int, []byte) bool) scenario {
	return scenario{name: name, ok: ok, same: &r,
		mk: func(int64) func(int, int) request { return func(int, int) request { return r } }}
}

func formPost(path, body string, header ...[2]string) request {
	return request{method: http.MethodPost, path: path, body: body,
		header: append([][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}, header...)}
}

func zipayPost(path, body string) request {
	return formPost(path, body, [2]string{"api_key", mocksign.Zipay.APIKey}, [2]string{"api_sign", verify.SignZipay(mocksign.Zipay.Secret, body)})
}

func scenarios() []scenario {
	now := func() string { return strconv.FormatInt(time.Now().Unix(), 10) }
	gpTS := now() // GeniusPlugin keeps no replay cache by default: one signed timestamp serves the run
	return []scenario{
		fixedScenario("gempay-products", productsRequest(), status200With(successGempay)),
		{
			name: "gempay-order",
			mk: func(run int64) func(int, int) request {
				return func(w, seq int) request {
					ref := fmt.Sprintf("bench-%d-%d-%d", run, w, seq)
					return request{method: http.MethodPost, path: "/gempay/api/order",
						body: `{"user_id":"123456","zone":"1234","produk_id":"1","ref_id":"` + ref + `"}`,
						header: [][2]string{
							{"Content-Type", "application/json"},
							{"Authorization", "Bearer " + verify.SignGempayOrder(mocksign.Gempay.APIKey, ref, gempayPrice)},
							{"X-API-Key", mocksign.Gempay.APIKey},
							{"X-Request-Time", now()},
						}}
				}
			},
			ok: status200With(successGempay),
		},
		{
			name: "hostdime-server-get",
			mk: func(run int64) func(int, int) request {
				return func(w, seq int) request {
					ts := now()
					unique := fmt.Sprintf("b%d-%d-%d", run, w, seq)
					hash := verify.SignHostdime(mocksign.Hostdime.Private, "server.get", ts, unique, [][2]string{{"cuid", "S37"}})
					return formPost("/hostdime/v1/server/get.json",
						"api_key="+mocksign.Hostdime.Public+"&api_timestamp="+ts+"&api_unique="+url.QueryEscape(unique)+"&cuid=S37&api_hash="+hash)
				}
			},
			ok: status200With(`"error":null`),
		},
		fixedScenario("zipay-balance", zipayPost("/zipay/api/balance", "currency=USD"), status200With(`"success":true`)),
		// NODE keeps no replay cache for random (spec): one signed query serves the run.
		fixedScenario("nodeco-server-detail", request{method: http.MethodGet, path: "/nodeco/api/v1/get_server_detail?" + url.Values{
			"user_id": {mocksign.Node.UserID}, "random": {"bench1"}, "server_id": {"12345"},
			"checksum": {verify.SignNodeco(mocksign.Node.UserID, mocksign.Node.APIKey, "bench1")},
		}.Encode()}, status200With(`"code":"OK"`)),
		fixedScenario("geniusplugin-list", formPost("/geniusplugin/api/v1/list/", url.Values{
			"domain": {"example.org"}, "timestamp": {gpTS}, "hash": {verify.SignGeniusplugin(mocksign.Geniusplugin.APIKey, "example.org", gpTS)},
		}.Encode()), status200With(`"status":"active"`)),
		{
			name: "zipay-transfer",
			mk: func(run int64) func(int, int) request {
				return func(w, seq int) request {
					return zipayPost("/zipay/api/transfer", fmt.Sprintf("receiver=%d&amount=0.01&currency=USD&order_id=bench-%d-%d-%d", mocksign.ZipaySecond.Account, run, w, seq))
				}
			},
			ok: status200With(`"success":true`),
		},
	}
}

// benchFixtures writes the embedded fixtures to a temp dir with the Gempay
// test account's balance raised, so the order scenario never runs dry.
func benchFixtures() (string, error) {
	dir, err := os.MkdirTemp("", "mockbench-fixtures-")
	if err != nil {
		return "", err
	}
	err = fs.WalkDir(fixtures.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		raw, err := fs.ReadFile(fixtures.FS, p)
		if err != nil {
			return err
		}
		switch p {
		case "gempay.yaml", "zipay.yaml":
			if raw, err = raiseBalances(p, raw); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dir, p), raw, 0o600)
	})
	return dir, err
}

// raiseBalances gives the write scenarios' accounts balances they cannot
// exhaust in a run: the Gempay test user, and Zipay account 10025's USD.
func raiseBalances(name string, raw []byte) ([]byte, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	list, _ := doc["users"].([]any)
	if name == "zipay.yaml" {
		list, _ = doc["accounts"].([]any)
	}
	for _, item := range list {
		m, ok := item.(map[string]any)
		switch {
		case !ok:
		case name == "gempay.yaml" && m["api_key"] == mocksign.Gempay.APIKey:
			m["balance"] = benchBalance
		case name == "zipay.yaml" && fmt.Sprint(m["number"]) == "10025":
			if b, ok := m["balances"].(map[string]any); ok {
				b["USD"] = "1000000000"
			}
		}
	}
	return yaml.Marshal(doc)
}

// serveBaseline is the same-run baseline: a bare net/http server that checks
// the bearer token and answers the product-list JSON the mock answered.
func serveBaseline(addr string) error {
	body, err := os.ReadFile(os.Getenv("MOCKBENCH_BASELINE_BODY"))
	if err != nil {
		return fmt.Errorf("baseline body: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("/gempay/api/products", func(w http.ResponseWriter, r *http.Request) {
		if !verify.Equal(r.Header.Get("Authorization"), "Bearer "+mocksign.Gempay.APIKey) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	srv := &http.Server{Addr: addr, Handler: mux}
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "listening on http://%s\n", ln.Addr())
	ctx, stop := signalContext()
	defer stop()
	go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// fetchProducts reads the mock's product list once, for the baseline to serve.
func fetchProducts(base string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, base+"/gempay/api/products", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+mocksign.Gempay.APIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("product list: status %d: %s", resp.StatusCode, b)
	}
	return b, nil
}

func selfCommand(args ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return exec.Command(exe, args...)
}
