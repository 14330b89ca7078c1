package geniusplugin_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

const (
	key1 = "gp-reseller-test-key-0001" // fixture reseller 1: loopback and private IPs
	key2 = "gpkey-02"                  // fixture reseller 2: 203.0.113.9
	ts   = "7126354980"                // str_shuffle of 1726354980
)

// asIP2 makes a request from 127.0.0.1 (a trusted proxy) act as reseller 2's IP.
var asIP2 = []string{"X-Forwarded-For", "203.0.113.9"}

var iv = []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}

func newServer(t *testing.T, tweak func(*config.Config)) *apptest.Server {
	t.Helper()
	s := apptest.New(t, tweak)
	s.SetClock(time.Unix(1726354980, 0).UTC())
	return s
}

// signed builds the common fields for key and domain, then the extra pairs.
func signed(key, domain string, extra ...string) [][2]string {
	pairs := [][2]string{{"domain", domain}, {"hash", verify.SignGeniusplugin(key, domain, ts)}, {"timestamp", ts}}
	for i := 0; i+1 < len(extra); i += 2 {
		pairs = append(pairs, [2]string{extra[i], extra[i+1]})
	}
	return pairs
}

// post sends a urlencoded form to /geniusplugin/api/v1/<endpoint>/ and returns
// the body, checking that the API answered 200 with JSON as it always does.
func post(t *testing.T, s *apptest.Server, endpoint string, pairs [][2]string, headers ...string) string {
	t.Helper()
	r := s.PostForm(t, "/geniusplugin/api/v1/"+endpoint+"/", pairs, headers...)
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	return r.Body
}

// postMultipart sends the pairs as multipart/form-data, as PHP cURL does with an array.
func postMultipart(t *testing.T, s *apptest.Server, path string, pairs [][2]string, headers ...string) apptest.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range pairs {
		require.NoError(t, mw.WriteField(p[0], p[1]))
	}
	require.NoError(t, mw.Close())
	return s.Do(t, http.MethodPost, path, buf.String(), append([]string{"Content-Type", mw.FormDataContentType()}, headers...)...)
}

func encrypt(t *testing.T, keyString, plain string) string {
	t.Helper()
	f, err := verify.GPPassEncrypt(keyString, plain, iv)
	require.NoError(t, err)
	return f
}

func credit(t *testing.T, s *apptest.Server, reseller int64) int64 {
	t.Helper()
	c, err := s.App.Store.GPCredit(context.Background(), reseller)
	require.NoError(t, err)
	return c
}

func pkg(t *testing.T, s *apptest.Server, reseller int64, domain string) (store.GPPackage, bool) {
	t.Helper()
	p, err := s.App.Store.GPPackage(context.Background(), reseller, domain)
	if store.IsNotFound(err) {
		return p, false
	}
	require.NoError(t, err)
	return p, true
}

// lastEntry is the newest journal entry of the provider.
func lastEntry(t *testing.T, s *apptest.Server) journal.Entry {
	t.Helper()
	l := s.App.Journal.List(journal.Filter{Provider: "geniusplugin", Limit: 1})
	require.Len(t, l, 1)
	return l[0]
}

// sha1Key is the password key string of variant B.
func sha1Key(key string) string { return verify.GeniuspluginKeyDigest(key) }
