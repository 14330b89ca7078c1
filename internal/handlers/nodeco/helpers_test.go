package nodeco_test

import (
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/verify"
)

const (
	user1 = "12312"
	key1  = "hasdh6ghvhgFDa454565jasdbNBS"
	user2 = "20001"
	key2  = "node-second-key-0002"
)

// t0 is the frozen mock time of every test: 2024-05-01 17:00:00 WIB.
var t0 = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

func newServer(t *testing.T, tweak func(*config.Config)) *apptest.Server {
	t.Helper()
	s := apptest.New(t, func(c *config.Config) {
		c.Seed = 42
		if tweak != nil {
			tweak(c)
		}
	})
	s.SetClock(t0)
	return s
}

// api calls base+function (base like "/nodeco/api/v1/") as user/key with a
// correct checksum, posting the common parameters first and then pairs.
func api(t *testing.T, s *apptest.Server, base, function, user, key string, pairs ...string) string {
	t.Helper()
	const random = "abc123"
	form := [][2]string{{"user_id", user}, {"random", random}, {"checksum", verify.SignNodeco(user, key, random)}}
	for i := 0; i+1 < len(pairs); i += 2 {
		form = append(form, [2]string{pairs[i], pairs[i+1]})
	}
	res := s.PostForm(t, base+function, form)
	if res.Status != 200 {
		t.Fatalf("%s%s: status %d, body %s", base, function, res.Status, res.Body)
	}
	return res.Body
}

// node and vd call the sandbox stage of each flavour as account 12312.
func node(t *testing.T, s *apptest.Server, function string, pairs ...string) string {
	t.Helper()
	return api(t, s, "/nodeco/api-sandbox/v1/", function, user1, key1, pairs...)
}

func vd(t *testing.T, s *apptest.Server, function string, pairs ...string) string {
	t.Helper()
	return api(t, s, "/virtdedi/api-sandbox/v1/", function, user1, key1, pairs...)
}

func errBody(msg string) string { return `{"code":"ERROR","message":"` + msg + `","data":{}}` }

func okBody(msg, data string) string {
	return `{"code":"OK","message":"` + msg + `","data":` + data + `}`
}

func assertBody(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("body mismatch\n got: %s\nwant: %s", got, want)
	}
}
