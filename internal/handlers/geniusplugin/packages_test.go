package geniusplugin_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/geniusplugin"
	"github.com/mocksuite/mocksuite/internal/store"
)

var tokenRe = regexp.MustCompile(`^\{"status":"ok","token":"([0-9a-f]{40})"\}$`)

func TestGetcredit(t *testing.T) {
	s := newServer(t, nil)
	assert.Equal(t, `{"status":"OK - 1500.26"}`, post(t, s, "getcredit", signed(key1, "example.com")))
	// Any domain is accepted on account-level calls; it only feeds the hash.
	assert.Equal(t, `{"status":"OK - 1500.26"}`, post(t, s, "getcredit", signed(key1, "anything")))
}

func TestList(t *testing.T) {
	s := newServer(t, nil)
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "EXAMPLE.org")), "domains match lower-cased")
	assert.Equal(t, `{"status":"suspended","exist":"exists"}`, post(t, s, "list", signed(key1, "paused.example.org")))
	assert.Equal(t, `{"status":"Package not Found!"}`, post(t, s, "list", signed(key1, "nothing.example")))
	assert.Equal(t, "not_found", lastEntry(t, s).Reason)
}

func TestAutoregister(t *testing.T) {
	s := newServer(t, nil)
	body := post(t, s, "autoregister", signed(key1, "new.example",
		"package", "20k", "password", encrypt(t, key1, "Str0ng-pass"), "uemail", "user@new.example"))
	m := tokenRe.FindStringSubmatch(body)
	require.NotNil(t, m, body)
	assert.Equal(t, int64(150026-900), credit(t, s, 1), "the 20k price is charged")
	assert.Equal(t, `{"status":"OK - 1491.26"}`, post(t, s, "getcredit", signed(key1, "example.com")))
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "new.example")))

	p, ok := pkg(t, s, 1, "new.example")
	require.True(t, ok)
	assert.Equal(t, store.GPPackage{ResellerID: 1, Domain: "new.example", Package: "20k", Status: "active", Email: "user@new.example",
		Password: "Str0ng-pass", Token: m[1], CreatedAt: time.Unix(1726354980, 0).UTC(), ExpiresAt: time.Date(2024, 10, 14, 23, 3, 0, 0, time.UTC)}, p)

	l, err := s.App.Store.GPLedger(context.Background(), 1)
	require.NoError(t, err)
	assert.Equal(t, []store.GPLedgerEntry{{Domain: "new.example", Action: "autoregister 20k", AmountCents: -900, BalanceCents: 149126, At: time.Unix(1726354980, 0).UTC()}}, l)

	// The sha1-hex key variant is accepted too; Free costs nothing.
	body = post(t, s, "autoregister", signed(key1, "free.example",
		"package", "Free", "password", encrypt(t, sha1Key(key1), "Str0ng-pass"), "uemail", "user@free.example"))
	require.Regexp(t, tokenRe, body)
	assert.Equal(t, int64(149126), credit(t, s, 1))

	// The same domain again.
	assert.Equal(t, `{"status":"Package already exists"}`, post(t, s, "autoregister", signed(key1, "NEW.example",
		"package", "10k", "password", encrypt(t, key1, "Str0ng-pass"), "uemail", "user@new.example")))
	assert.Equal(t, int64(149126), credit(t, s, 1), "a refusal charges nothing")
}

func TestAutoregisterErrors(t *testing.T) {
	s := newServer(t, nil)
	good := encrypt(t, key1, "Str0ng-pass")
	reg := func(domain, pkgName, password, email string, h ...string) string {
		return post(t, s, "autoregister", signed(key1, domain, "package", pkgName, "password", password, "uemail", email), h...)
	}
	assert.Equal(t, `{"status":"Invalid package name"}`, reg("n.example", "50k", good, "a@n.example"))
	assert.Equal(t, `{"status":"Invalid package name"}`, reg("n.example", "free", good, "a@n.example"), "names are exact")
	assert.Equal(t, `{"status":"Invalid domain name"}`, reg("not a domain", "10k", good, "a@n.example"))
	assert.Equal(t, `{"status":"Invalid domain name"}`, reg("localhost", "10k", good, "a@n.example"))
	assert.Equal(t, `{"status":"Invalid email address"}`, reg("n.example", "10k", good, "nobody"))
	assert.Equal(t, `{"status":"Invalid email address"}`, reg("n.example", "10k", good, "Bob <bob@n.example>"))

	assert.Equal(t, `{"status":"Invalid Password"}`, reg("n.example", "10k", "S3cret!pass", "a@n.example"), "plaintext is not the envelope")
	assert.Equal(t, `{"status":"Invalid Password"}`, reg("n.example", "10k", encrypt(t, key2, "Str0ng-pass"), "a@n.example"), "another reseller's key")
	assert.Contains(t, lastEntry(t, s).Explanation, "its HMAC verifies neither with the raw API key nor with sha1(API key)")
	assert.Equal(t, `{"status":"Invalid Password"}`, reg("n.example", "10k", encrypt(t, key1, "short7!"), "a@n.example"), "7 characters")
	assert.Equal(t, "decrypted password has 7 characters, at least 8 are required", lastEntry(t, s).Explanation)
	assert.Equal(t, `{"status":"Invalid Password"}`, reg("n.example", "10k", "AAECAwQFBgcICQoLDA0ODw==", "a@n.example"), "too short")
	_, found := pkg(t, s, 1, "n.example")
	assert.False(t, found)
	assert.Equal(t, int64(150026), credit(t, s, 1))

	// Reseller 2 has 10.00: a 200k package costs 60.00.
	assert.Equal(t, `{"status":"Insufficient credit"}`, post(t, s, "autoregister", signed(key2, "big.example",
		"package", "200k", "password", encrypt(t, key2, "Str0ng-pass"), "uemail", "a@big.example"), asIP2...))
	assert.Equal(t, "insufficient_funds", lastEntry(t, s).Reason)
	assert.Equal(t, int64(1000), credit(t, s, 2))
	_, found = pkg(t, s, 2, "big.example")
	assert.False(t, found)
}

// The spec §3.4 fields, sent verbatim, by a reseller whose key is the spec's TESTKEY123.
func TestAutoregisterSpecWorkedPasswords(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "geniusplugin.yaml"), []byte(
		"resellers:\n  - name: Spec\n    api_key: TESTKEY123\n    authorised_ips: [127.0.0.1]\n    credit: \"100.00\"\n"), 0o600))
	s := newServer(t, func(c *config.Config) { c.FixturesDir = dir })
	fields := map[string]string{
		"a.example": "AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte/TxVhoQJWx1Jc14T8MoIKkQ==", // variant A
		"b.example": "AAECAwQFBgcICQoLDA0OD4sAWdj62PReotwl9CeCkFrVZ327QDOZB/VmYgm+ojPtxocONoPd2UT56l0IDIKMdw==", // variant B
	}
	for domain, field := range fields {
		body := post(t, s, "autoregister", signed("TESTKEY123", domain, "package", "10k", "password", field, "uemail", "u@"+domain))
		require.Regexp(t, tokenRe, body, domain)
		p, ok := pkg(t, s, 1, domain)
		require.True(t, ok)
		assert.Equal(t, "S3cret!pass", p.Password, domain)
	}
	// The §2.3 hash is what this reseller's client sends for example.com.
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", [][2]string{
		{"domain", "example.com"}, {"hash", "6f1eaa9a3f41eb5118155ab37632777b0e4029a6"}, {"timestamp", "7126354980"}}))
	assert.Equal(t, `{"status":"OK - 90.00"}`, post(t, s, "getcredit", signed("TESTKEY123", "example.com")))
}

func TestSuspendAndActivate(t *testing.T) {
	s := newServer(t, nil)
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "suspended", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"suspended","exist":"exists"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "suspended", signed(key1, "example.org")), "idempotent")
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "active", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "active", signed(key1, "paused.example.org")))
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "paused.example.org")))

	assert.Equal(t, `{"status":"Package not Found!"}`, post(t, s, "suspended", signed(key1, "nothing.example")))
	assert.Equal(t, `{"status":"Package not found!"}`, post(t, s, "active", signed(key1, "nothing.example")))
	assert.Equal(t, int64(150026), credit(t, s, 1), "no charge")
}

func TestDelete(t *testing.T) {
	s := newServer(t, nil)
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "delete", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"Package not Found!"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"Package not found!"}`, post(t, s, "delete", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"Package not found!"}`, post(t, s, "delete", signed(key2, "paused.example.org"), asIP2...), "not reseller 2's")
	assert.Equal(t, int64(150026), credit(t, s, 1), "no refund")
}

func TestPackageupdate(t *testing.T) {
	s := newServer(t, nil)
	upd := func(domain, status, pkgName string) string {
		return post(t, s, "packageupdate", signed(key1, domain, "status", status, "package", pkgName))
	}
	// 20k -> 40k charges 16.00 - 9.00.
	assert.Equal(t, `{"status":"ok"}`, upd("example.org", "active", "40k"))
	assert.Equal(t, int64(150026-700), credit(t, s, 1))
	p, _ := pkg(t, s, 1, "example.org")
	assert.Equal(t, "40k", p.Package)
	assert.Equal(t, `{"status":"ok"}`, upd("example.org", "active", "40k"), "same package")
	assert.Equal(t, int64(150026-700), credit(t, s, 1), "costs nothing")

	assert.Equal(t, `{"status":"Downgrade not allowed."}`, upd("example.org", "active", "20k"))
	assert.Equal(t, `{"status":"Downgrade not allowed."}`, upd("example.org", "active", "Free"))
	e := lastEntry(t, s)
	assert.Equal(t, "packageupdate", e.Endpoint)
	assert.Equal(t, "validation", e.Reason)
	assert.Equal(t, `packageupdate refused for domain "example.org" of reseller 1: Downgrade not allowed.`, e.Explanation)
	assert.Equal(t, `{"status":"Package is suspended. Please unsuspend it to continue."}`, upd("paused.example.org", "active", "20k"))
	assert.Equal(t, `{"status":"Invalid status"}`, upd("example.org", "paused", "100k"))
	assert.Equal(t, `{"status":"Invalid package name"}`, upd("example.org", "active", "1000k"))
	assert.Equal(t, `{"status":"Package not found!"}`, upd("nothing.example", "active", "100k"))
	assert.Equal(t, int64(150026-700), credit(t, s, 1))

	// status is applied: suspended, then cancelled removes the package.
	assert.Equal(t, `{"status":"ok"}`, upd("example.org", "suspended", "100k"))
	assert.Equal(t, int64(150026-700-1900), credit(t, s, 1))
	assert.Equal(t, `{"status":"suspended","exist":"exists"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "active", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"ok"}`, upd("example.org", "cancelled", "100k"))
	assert.Equal(t, `{"status":"Package not Found!"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, int64(150026-700-1900), credit(t, s, 1), "cancelling charges nothing")

	// Reseller 2 (10.00) cannot pay 10k -> 200k (55.00).
	assert.Equal(t, `{"status":"Insufficient credit"}`, post(t, s, "packageupdate", signed(key2, "other.example", "status", "active", "package", "200k"), asIP2...))
	p, _ = pkg(t, s, 2, "other.example")
	assert.Equal(t, "10k", p.Package)
	assert.Equal(t, int64(1000), credit(t, s, 2))
}

func TestPasswordreset(t *testing.T) {
	s := newServer(t, nil)
	reset := func(domain, field string) string {
		return post(t, s, "passwordreset", signed(key1, domain, "password", field))
	}
	assert.Equal(t, `{"status":"ok"}`, reset("example.org", encrypt(t, key1, "N3w-password")))
	p, _ := pkg(t, s, 1, "example.org")
	assert.Equal(t, "N3w-password", p.Password)
	assert.Equal(t, `{"status":"ok"}`, reset("example.org", encrypt(t, sha1Key(key1), "Other-pass")), "sha1-hex key variant")
	p, _ = pkg(t, s, 1, "example.org")
	assert.Equal(t, "Other-pass", p.Password)

	assert.Equal(t, `{"status":"Invalid Password"}`, reset("example.org", encrypt(t, key1, "1234567")))
	assert.Equal(t, `{"status":"Invalid Password"}`, reset("example.org", "!!!not base64"))
	assert.Equal(t, `{"status":"Error changing password. No active package found!"}`, reset("paused.example.org", encrypt(t, key1, "N3w-password")))
	assert.Equal(t, `{"status":"Error changing password. No active package found!"}`, reset("nothing.example", encrypt(t, key1, "N3w-password")))
	p, _ = pkg(t, s, 1, "paused.example.org")
	assert.Equal(t, "Fixture-pass-2", p.Password)
}

func TestRenew(t *testing.T) {
	s := newServer(t, nil)
	before, _ := pkg(t, s, 2, "other.example")
	assert.Equal(t, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), before.ExpiresAt)
	// Reseller 2: 10.00 credit, 10k costs 5.00 a month.
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "renew", signed(key2, "other.example"), asIP2...))
	p, _ := pkg(t, s, 2, "other.example")
	assert.Equal(t, time.Date(2030, 2, 1, 0, 0, 0, 0, time.UTC), p.ExpiresAt)
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "renew", signed(key2, "other.example"), asIP2...))
	assert.Equal(t, `{"status":"OK - 0.00"}`, post(t, s, "getcredit", signed(key2, "example.com"), asIP2...))
	assert.Equal(t, `{"status":"Insufficient credit"}`, post(t, s, "renew", signed(key2, "other.example"), asIP2...))
	p, _ = pkg(t, s, 2, "other.example")
	assert.Equal(t, time.Date(2030, 3, 1, 0, 0, 0, 0, time.UTC), p.ExpiresAt)
	assert.Equal(t, `{"status":"Package not found!"}`, post(t, s, "renew", signed(key2, "nothing.example"), asIP2...))

	// A package registered now expires one month of mock time later; renew adds another.
	s.SetClock(time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC))
	require.Regexp(t, tokenRe, post(t, s, "autoregister", signed(key1, "month.example", "package", "10k",
		"password", encrypt(t, key1, "Str0ng-pass"), "uemail", "u@month.example")))
	p, _ = pkg(t, s, 1, "month.example")
	assert.Equal(t, time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC), p.ExpiresAt, "31 Jan + 1 month, as PHP and Go count it")
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "renew", signed(key1, "month.example")))
	p, _ = pkg(t, s, 1, "month.example")
	assert.Equal(t, time.Date(2025, 4, 3, 12, 0, 0, 0, time.UTC), p.ExpiresAt)
}

func TestConfiguredPrices(t *testing.T) {
	s := newServer(t, func(c *config.Config) {
		config.SectionOf[*geniusplugin.Config](c).Prices = map[string]string{"10k": "4.50", "40k": "6"}
	})
	require.Regexp(t, tokenRe, post(t, s, "autoregister", signed(key1, "cheap.example", "package", "10k",
		"password", encrypt(t, key1, "Str0ng-pass"), "uemail", "u@cheap.example")))
	assert.Equal(t, int64(150026-450), credit(t, s, 1))
	// 20k (default 9.00) -> 40k (6.00): an upgrade never pays back.
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "packageupdate", signed(key1, "example.org", "status", "active", "package", "40k")))
	assert.Equal(t, int64(150026-450), credit(t, s, 1))
}

func TestConcurrentPurchasesNeverOverdraw(t *testing.T) {
	s := newServer(t, nil)
	// Reseller 2 has 10.00; each 10k package costs 5.00.
	const n = 8
	bodies := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			domain := fmt.Sprintf("c%d.example", i)
			r := s.PostForm(t, "/geniusplugin/api/v1/autoregister/", signed(key2, domain, "package", "10k",
				"password", encrypt(t, key2, "Str0ng-pass"), "uemail", "u@"+domain), asIP2...)
			bodies[i] = r.Body
		}(i)
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, b := range bodies {
		switch {
		case tokenRe.MatchString(b):
			ok++
		case b == `{"status":"Insufficient credit"}`:
			refused++
		default:
			t.Errorf("unexpected body %s", b)
		}
	}
	assert.Equal(t, 2, ok)
	assert.Equal(t, n-2, refused)
	assert.Equal(t, int64(0), credit(t, s, 2))
	ps, err := s.App.Store.GPPackages(context.Background(), 2)
	require.NoError(t, err)
	assert.Len(t, ps, 3, "other.example and two new ones")
}
