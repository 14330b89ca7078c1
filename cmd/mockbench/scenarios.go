package main

import (
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
)

// Sample credentials of the embedded fixtures.
const (
	gempayKey     = "gempay-test-key-0001"
	gempayPrice   = "15000" // reseller price of product 1
	hostdimePub   = "foobar"
	hostdimePriv  = "fazbaz"
	zipayKey      = "4f3c12fa0a1d1ac8b026298b980f16b2"
	zipaySecret   = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
	nodecoUser    = "12312"
	nodecoAPIKey  = "hasdh6ghvhgFDa454565jasdbNBS"
	benchBalance  = 1_000_000_000_000_000
	successGempay = `"status":"success"`
)

// scenario makes the requests of one measured workload.
type scenario struct {
	name string
	mk   func(base string, run int64) func(worker, seq int) (*http.Request, error)
	ok   func(resp *http.Response, body []byte) bool
}

func status200With(marker string) func(*http.Response, []byte) bool {
	return func(resp *http.Response, body []byte) bool {
		return resp.StatusCode == http.StatusOK && strings.Contains(string(body), marker)
	}
}

func productsRequest(base string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, base, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+gempayKey)
	return req, nil
}

func scenarios() []scenario {
	return []scenario{
		{
			name: "gempay-products",
			mk: func(base string, _ int64) func(int, int) (*http.Request, error) {
				return func(int, int) (*http.Request, error) { return productsRequest(base + "/gempay/api/products") }
			},
			ok: status200With(successGempay),
		},
		{
			name: "gempay-order",
			mk: func(base string, run int64) func(int, int) (*http.Request, error) {
				return func(w, seq int) (*http.Request, error) {
					ref := fmt.Sprintf("bench-%d-%d-%d", run, w, seq)
					body := fmt.Sprintf(`{"user_id":"123456","zone":"1234","produk_id":"1","ref_id":"%s"}`, ref)
					req, err := http.NewRequest(http.MethodPost, base+"/gempay/api/order", strings.NewReader(body))
					if err != nil {
						return nil, err
					}
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+verify.SignGempayOrder(gempayKey, ref, gempayPrice))
					req.Header.Set("X-API-Key", gempayKey)
					req.Header.Set("X-Request-Time", strconv.FormatInt(time.Now().Unix(), 10))
					return req, nil
				}
			},
			ok: status200With(successGempay),
		},
		{
			name: "hostdime-server-get",
			mk: func(base string, run int64) func(int, int) (*http.Request, error) {
				return func(w, seq int) (*http.Request, error) {
					ts := strconv.FormatInt(time.Now().Unix(), 10)
					unique := fmt.Sprintf("b%d-%d-%d", run, w, seq)
					params := [][2]string{{"cuid", "S37"}}
					hash := verify.SignHostdime(hostdimePriv, "server.get", ts, unique, params)
					body := "api_key=" + hostdimePub + "&api_timestamp=" + ts + "&api_unique=" + url.QueryEscape(unique) + "&cuid=S37&api_hash=" + hash
					req, err := http.NewRequest(http.MethodPost, base+"/hostdime/v1/server/get.json", strings.NewReader(body))
					if err != nil {
						return nil, err
					}
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					return req, nil
				}
			},
			ok: status200With(`"error":null`),
		},
		{
			name: "zipay-balance",
			mk: func(base string, _ int64) func(int, int) (*http.Request, error) {
				body := "currency=USD"
				sign := verify.SignZipay(zipaySecret, body)
				return func(int, int) (*http.Request, error) {
					req, err := http.NewRequest(http.MethodPost, base+"/zipay/api/balance", strings.NewReader(body))
					if err != nil {
						return nil, err
					}
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("api_key", zipayKey)
					req.Header.Set("api_sign", sign)
					return req, nil
				}
			},
			ok: status200With(`"success":true`),
		},
		{
			name: "nodeco-server-detail",
			mk: func(base string, run int64) func(int, int) (*http.Request, error) {
				return func(w, seq int) (*http.Request, error) {
					random := fmt.Sprintf("r%d%d%d", run, w, seq)
					q := url.Values{}
					q.Set("user_id", nodecoUser)
					q.Set("random", random)
					q.Set("checksum", verify.SignNodeco(nodecoUser, nodecoAPIKey, random))
					q.Set("server_id", "12345")
					return http.NewRequest(http.MethodGet, base+"/nodeco/api/v1/get_server_detail?"+q.Encode(), nil)
				}
			},
			ok: status200With(`"code":"OK"`),
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
		if p == "gempay.yaml" {
			var doc map[string]any
			if err := yaml.Unmarshal(raw, &doc); err != nil {
				return fmt.Errorf("gempay fixtures: %w", err)
			}
			if users, ok := doc["users"].([]any); ok {
				for _, u := range users {
					if m, ok := u.(map[string]any); ok && m["api_key"] == gempayKey {
						m["balance"] = benchBalance
					}
				}
			}
			if raw, err = yaml.Marshal(doc); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dir, p), raw, 0o600)
	})
	return dir, err
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
		if !verify.Equal(r.Header.Get("Authorization"), "Bearer "+gempayKey) {
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
	req, err := productsRequest(base + "/gempay/api/products")
	if err != nil {
		return nil, err
	}
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
