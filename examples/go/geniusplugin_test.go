package examples_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"math/big"
	"strconv"
	"testing"

	"github.com/mocksuite/mocksuite/mocktest"
)

// gpClient is a minimal GeniusPlugin reseller client:
// hash = sha1(sha1(key) + domain + timestamp), timestamp = the shuffled digits of the Unix time.
type gpClient struct {
	t    *testing.T
	base string // http://127.0.0.1:PORT/geniusplugin
	key  string
	now  func() int64
}

// shuffle does what PHP's str_shuffle does.
func shuffle(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i > 0; i-- {
		j, _ := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		b[i], b[j.Int64()] = b[j.Int64()], b[i]
	}
	return string(b)
}

// gpfPassEncrypt: base64(IV + HMAC-SHA256(key, ciphertext) + AES-128-CBC(plain)),
// the AES key being the key string cut or NUL-padded to 16 bytes (PHP's openssl_encrypt).
func gpfPassEncrypt(key, plain string, iv []byte) string {
	aesKey := make([]byte, 16)
	copy(aesKey, key)
	block, _ := aes.NewCipher(aesKey)
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	data := append([]byte(plain), bytes.Repeat([]byte{byte(pad)}, pad)...)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(data, data)
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(data)
	return base64.StdEncoding.EncodeToString(append(append(append([]byte{}, iv...), mac.Sum(nil)...), data...))
}

func (c *gpClient) call(endpoint, domain string, params ...field) map[string]string {
	c.t.Helper()
	ts := shuffle(strconv.FormatInt(c.now(), 10))
	fields := append([]field{{"domain", domain}, {"hash", sha1Hex(sha1Hex(c.key) + domain + ts)}, {"timestamp", ts}}, params...)
	_, _, body := do(c.t, "POST", c.base+"/api/v1/"+endpoint+"/", httpBuildQuery(fields), form)
	var out map[string]string
	decodeJSON(c.t, endpoint, body, &out)
	return out
}

func TestGeniusPluginPackage(t *testing.T) {
	iv := []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	if got := gpfPassEncrypt("TESTKEY123", "S3cret!pass", iv); got != "AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte/TxVhoQJWx1Jc14T8MoIKkQ==" {
		t.Fatalf("gpfPassEncrypt of the documented example = %s", got)
	}

	srv := mocktest.New(t)
	c := &gpClient{t: t, base: srv.URL("geniusplugin"), key: "gp-reseller-test-key-0001", now: func() int64 { return srv.Now().Unix() }}

	if got := c.call("connection", "example.com"); got["status"] != "ok" {
		t.Fatalf("connection: %v", got)
	}

	iv = make([]byte, 16)
	if _, err := rand.Read(iv); err != nil {
		t.Fatal(err)
	}
	got := c.call("autoregister", "shop.example",
		field{"package", "20k"}, field{"password", gpfPassEncrypt(c.key, "Str0ng-pass", iv)}, field{"uemail", "owner@shop.example"})
	if got["status"] != "ok" || len(got["token"]) != 40 {
		t.Fatalf("autoregister: %v", got)
	}
	if got := c.call("suspended", "shop.example"); got["status"] != "ok" {
		t.Fatalf("suspended: %v", got)
	}
	if got := c.call("list", "shop.example"); got["status"] != "suspended" || got["exist"] != "exists" {
		t.Fatalf("list: %v", got)
	}
	if got := c.call("getcredit", "example.com"); got["status"] != "OK - 1491.26" {
		t.Fatalf("getcredit: %v (1500.26 - 9.00 for 20k)", got)
	}

	if n := srv.Count(mocktest.Filter{Provider: "geniusplugin", Outcome: mocktest.OutcomeOK}); n != 5 {
		t.Errorf("geniusplugin calls journaled ok: %d, want 5", n)
	}
	if n := srv.Count(mocktest.Filter{Provider: "geniusplugin", Endpoint: "autoregister"}); n != 1 {
		t.Errorf("autoregister calls: %d, want 1", n)
	}

	// A second registration of the same domain is refused and charges nothing.
	if got := c.call("autoregister", "shop.example",
		field{"package", "20k"}, field{"password", gpfPassEncrypt(c.key, "Str0ng-pass", iv)}, field{"uemail", "owner@shop.example"}); got["status"] != "Package already exists" {
		t.Fatalf("second autoregister: %v", got)
	}
	if got := c.call("getcredit", "example.com"); got["status"] != "OK - 1491.26" {
		t.Fatalf("getcredit after the refused autoregister: %v", got)
	}
}
