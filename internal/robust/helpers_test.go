// Package robust_test holds the cross-provider robustness suites: hostile-input
// tables, fuzz targets over each provider's request decoding and concurrency
// invariants. See docs/RELIABILITY.md.
package robust_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Fixture credentials (fixtures/*.yaml).
const (
	gempayKey   = "gempay-test-key-0001"
	hostdimePub = "foobar"
	hostdimePrv = "fazbaz"
	zipayKey    = "4f3c12fa0a1d1ac8b026298b980f16b2"
	zipaySecret = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
	zipayKey2   = "zipay-second-key-0002"
	zipaySec2   = "zipay-second-secret-0002"
	gpKey       = "gp-reseller-test-key-0001"
	nodecoUser  = "12312"
	nodecoKey   = "hasdh6ghvhgFDa454565jasdbNBS"
	formType    = "application/x-www-form-urlencoded"
	bodyLimit   = 4096
)

// now is the frozen mock time every suite runs at.
var now = time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)

// newServer starts the app with a small body limit and no rate limits, its
// clock frozen at now.
func newServer(t testing.TB) *apptest.Server {
	t.Helper()
	s := apptest.New(t, func(c *config.Config) {
		c.BodyLimit = bodyLimit
		c.RateLimits = false
	})
	s.SetClock(now)
	return s
}

var uniq atomic.Int64

// nextID is a fresh value for replay-checked fields.
func nextID(prefix string) string { return fmt.Sprintf("%s%d", prefix, uniq.Add(1)) }

// formBody encodes pairs in order.
func formBody(pairs [][2]string) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = url.QueryEscape(p[0]) + "=" + url.QueryEscape(p[1])
	}
	return strings.Join(parts, "&")
}

// gempayOrderHeaders signs an order for gempayKey at price.
func gempayOrderHeaders(refID, price string) []string {
	return []string{
		"Authorization", "Bearer " + verify.SignGempayOrder(gempayKey, refID, price),
		"X-API-Key", gempayKey,
		"X-Request-Time", strconv.FormatInt(now.Unix(), 10),
		"Content-Type", "application/json",
	}
}

// hostdimeBody signs method with params as foobar, with a fresh api_unique.
func hostdimeBody(method string, params [][2]string) string {
	return hostdimeBodyUnique(method, nextID("U"), params)
}

func hostdimeBodyUnique(method, unique string, params [][2]string) string {
	ts := strconv.FormatInt(now.Unix(), 10)
	hash := verify.SignHostdime(hostdimePrv, method, ts, unique, params)
	all := append(append([][2]string{}, params...),
		[2]string{"api_key", hostdimePub}, [2]string{"api_timestamp", ts},
		[2]string{"api_unique", unique}, [2]string{"api_hash", hash})
	return formBody(all)
}

// zipayHeaders signs body for the main key.
func zipayHeaders(body string) []string {
	return []string{"Content-Type", formType, "api_key", zipayKey, "api_sign", verify.SignZipay(zipaySecret, body)}
}

// gpBody signs a GeniusPlugin call for reseller 1 on domain plus extra fields.
func gpBody(domain string, extra ...[2]string) string {
	ts := "7126354980"
	pairs := [][2]string{{"domain", domain}, {"hash", verify.SignGeniusplugin(gpKey, domain, ts)}, {"timestamp", ts}}
	return formBody(append(pairs, extra...))
}

// nodecoBody signs a NODE call for the sample account with a fresh random.
func nodecoBody(extra ...[2]string) string {
	random := nextID("r")
	pairs := [][2]string{{"user_id", nodecoUser}, {"random", random}, {"checksum", verify.SignNodeco(nodecoUser, nodecoKey, random)}}
	return formBody(append(pairs, extra...))
}

// hreq is one hostile request and its documented answer.
type hreq struct {
	name    string
	method  string
	path    string
	headers []string
	body    string
	status  int
	want    string // exact body
	prefix  string // when the body carries a generated value: exact prefix
}

// runTable sends each row and asserts the exact answer, then that a normal
// signed request still succeeds.
func runTable(t *testing.T, s *apptest.Server, rows []hreq, healthy func(t *testing.T)) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			m := row.method
			if m == "" {
				m = http.MethodPost
			}
			r := s.Do(t, m, row.path, row.body, row.headers...)
			if os.Getenv("ROBUST_PROBE") != "" {
				b, _ := json.Marshal([]any{t.Name(), row.name, r.Status, r.Body})
				fmt.Printf("PROBE %s\n", b)
				return
			}
			require.NotEqual(t, http.StatusInternalServerError, r.Status, r.Body)
			require.Equal(t, row.status, r.Status, r.Body)
			if row.prefix != "" {
				require.True(t, strings.HasPrefix(r.Body, row.prefix), "body %q lacks prefix %q", r.Body, row.prefix)
				require.True(t, json.Valid([]byte(r.Body)), "body is no JSON: %q", r.Body)
				return
			}
			require.Equal(t, row.want, r.Body)
		})
	}
	t.Run("still serving", healthy)
}

// sign2 is the cek-status bearer for trxID.
func sign2(trxID string) string { return verify.SignGempayStatus(gempayKey, trxID) }

// signZipayAs signs body for any key.
func signZipayAs(key, secret, body string) []string {
	return []string{"Content-Type", formType, "api_key", key, "api_sign", verify.SignZipay(secret, body)}
}
