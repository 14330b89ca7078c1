package geniusplugin

import (
	"fmt"
	"net/mail"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/store"
)

// defaultPrices is the spec §6 catalogue in cents; prices are not public, so
// the config's geniusplugin.prices can change any of them.
var defaultPrices = map[string]int64{"Free": 0, "10k": 500, "20k": 900, "40k": 1600, "100k": 3500, "200k": 6000}

// catalogue is the package list: rank (Free < 10k < … < 200k) and monthly price.
type catalogue struct {
	rank  map[string]int
	price map[string]int64
}

// newCatalogue merges configured prices over the defaults. Config validation
// has already checked every price string.
func newCatalogue(cfg map[string]string) (catalogue, error) {
	c := catalogue{rank: map[string]int{}, price: map[string]int64{}}
	for i, name := range packageNames() {
		c.rank[name] = i
		c.price[name] = defaultPrices[name]
	}
	for name, s := range cfg {
		if _, ok := c.rank[name]; !ok {
			return c, fmt.Errorf("geniusplugin: price for unknown package %q", name)
		}
		cents, err := parsePrice(s)
		if err != nil {
			return c, fmt.Errorf("geniusplugin: price of %s: %w", name, err)
		}
		c.price[name] = cents
	}
	return c, nil
}

func (c catalogue) known(name string) bool { _, ok := c.rank[name]; return ok }

// names lists the packages smallest first.
func (c catalogue) names() []string {
	out := make([]string, 0, len(c.rank))
	for n := range c.rank {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return c.rank[out[i]] < c.rank[out[j]] })
	return out
}

// The rules below decide what a request does to one package. GPApply runs
// them inside the transaction that applies their change, with the package as
// it is at that moment; the store refuses a charge the credit does not cover.

// planRegister creates a package: the domain must not have one yet, and the
// first month's price is charged.
func (c catalogue) planRegister(cur *store.GPPackage, pkg, email, password, token string, now time.Time) (store.GPChange, error) {
	if cur != nil {
		return store.GPChange{}, refusal(msgPackageExists)
	}
	return store.GPChange{
		Create: &store.GPPackage{Package: pkg, Status: "active", Email: email, Password: password, Token: token,
			CreatedAt: now, ExpiresAt: addMonth(now)},
		Charge: c.price[pkg],
		Action: "autoregister " + pkg,
		At:     now,
	}, nil
}

// planSetStatus suspends or reactivates a package; a package already in the
// state asked for stays as it is and the call succeeds.
func planSetStatus(cur *store.GPPackage, status string, notFound msgID) (store.GPChange, error) {
	if cur == nil {
		return store.GPChange{}, refusal(notFound)
	}
	u := *cur
	u.Status = status
	return store.GPChange{Update: &u}, nil
}

// planDelete removes a package; no credit is refunded.
func planDelete(cur *store.GPPackage) (store.GPChange, error) {
	if cur == nil {
		return store.GPChange{}, refusal(msgNotFound)
	}
	return store.GPChange{Delete: true}, nil
}

// planUpdate upgrades a package and sets its status. A suspended package must
// be unsuspended first; a smaller package is refused; the price difference is
// charged. "cancelled" removes the package and charges nothing.
func (c catalogue) planUpdate(cur *store.GPPackage, pkg, status string, now time.Time) (store.GPChange, error) {
	if cur == nil {
		return store.GPChange{}, refusal(msgNotFound)
	}
	if cur.Status == "suspended" {
		return store.GPChange{}, refusal(msgUpdateSuspended)
	}
	if cur.Package != pkg && c.known(cur.Package) && c.rank[pkg] < c.rank[cur.Package] {
		return store.GPChange{}, refusal(msgDowngrade)
	}
	if status == "cancelled" {
		return store.GPChange{Delete: true}, nil
	}
	// Configured prices need not grow with the rank: never charge a negative difference.
	charge := max(c.price[pkg]-c.price[cur.Package], 0)
	u := *cur
	u.Package, u.Status = pkg, status
	return store.GPChange{Update: &u, Charge: charge, Action: fmt.Sprintf("packageupdate %s to %s", cur.Package, pkg), At: now}, nil
}

// planPasswordReset sets the password of an active package.
func planPasswordReset(cur *store.GPPackage, password string) (store.GPChange, error) {
	if cur == nil || cur.Status != "active" {
		return store.GPChange{}, refusal(msgNoActivePackage)
	}
	u := *cur
	u.Password = password
	return store.GPChange{Update: &u}, nil
}

// planRenew charges one month of the package's price and moves its expiry one
// month on from the current expiry.
func (c catalogue) planRenew(cur *store.GPPackage, now time.Time) (store.GPChange, error) {
	if cur == nil {
		return store.GPChange{}, refusal(msgNotFound)
	}
	u := *cur
	u.ExpiresAt = addMonth(cur.ExpiresAt)
	return store.GPChange{Update: &u, Charge: c.price[cur.Package], Action: "renew " + cur.Package, At: now}, nil
}

// addMonth adds one calendar month the way PHP's strtotime("+1 month") and
// Go's AddDate do (31 Jan + 1 month = 3 Mar).
func addMonth(t time.Time) time.Time { return t.UTC().AddDate(0, 1, 0) }

// validDomain accepts a DNS host name with at least two labels.
func validDomain(d string) bool {
	if len(d) > 253 || !strings.Contains(d, ".") {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			ch := label[i]
			if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-') {
				return false
			}
		}
	}
	return true
}

// validEmail accepts a bare address ("user@example.com"), as PHP's
// FILTER_VALIDATE_EMAIL would, without display names.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}

// validTimestamp accepts 1 to 10 digits. The docs type timestamp as int: a
// shuffle that puts 0 first (or two) arrives shorter when a client sends it
// as a number, and its hash is over the value as sent.
func validTimestamp(ts string) bool {
	return len(ts) >= 1 && len(ts) <= 10 && strings.Trim(ts, "0123456789") == ""
}

// timestampNear reports whether the digits of ts are a permutation of a Unix
// time within window of now: the most a server can check of str_shuffle(time()).
// A value shorter than 10 digits lost its leading zeros on the way.
func timestampNear(ts string, now time.Time, window time.Duration) bool {
	if len(ts) < 10 {
		ts = strings.Repeat("0", 10-len(ts)) + ts
	}
	want := digitCounts(ts)
	from, to := now.Add(-window).Unix(), now.Add(window).Unix()
	buf := make([]byte, 0, 20)
	for t := from; t <= to; t++ {
		buf = strconv.AppendInt(buf[:0], t, 10)
		if digitCounts(string(buf)) == want {
			return true
		}
	}
	return false
}

func digitCounts(s string) [11]int {
	var c [11]int
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			c[s[i]-'0']++
		} else {
			c[10]++
		}
	}
	return c
}
