package signcli

import (
	"bytes"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/verify"
)

func TestSignGeniuspluginSpecExample(t *testing.T) {
	var out bytes.Buffer
	// Spec §2.3 hash and §3.4 variant A password field.
	err := Run("geniusplugin", []string{"--endpoint", "autoregister", "--domain", "example.com", "--key", "TESTKEY123",
		"--timestamp", "7126354980", "--password", "S3cret!pass", "--iv", "000102030405060708090a0b0c0d0e0f",
		"package=10k", "uemail=user@example.com"}, &out, 0)
	require.NoError(t, err)
	assert.Equal(t, "curl -sS -X POST --data-raw "+
		"'domain=example.com&hash=6f1eaa9a3f41eb5118155ab37632777b0e4029a6&timestamp=7126354980&package=10k&uemail=user%40example.com"+
		"&password=AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte%2FTxVhoQJWx1Jc14T8MoIKkQ%3D%3D' "+
		"http://127.0.0.1:8080/geniusplugin/api/v1/autoregister/\n", out.String())

	out.Reset()
	err = Run("geniusplugin", []string{"--endpoint", "passwordreset", "--domain", "example.com", "--key", "TESTKEY123",
		"--timestamp", "7126354980", "--password", "S3cret!pass", "--sha1-key", "--iv", "000102030405060708090a0b0c0d0e0f"}, &out, 0)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "&password=AAECAwQFBgcICQoLDA0OD4sAWdj62PReotwl9CeCkFrVZ327QDOZB%2FVmYgm%2BojPtxocONoPd2UT56l0IDIKMdw%3D%3D'")
}

func TestSignGeniuspluginDefaults(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Run("geniusplugin", nil, &out, 1726354980))
	h := verify.SignGeniusplugin("gp-reseller-test-key-0001", "example.com", "1726354980")
	assert.Equal(t, "curl -sS -X POST --data-raw 'domain=example.com&hash="+h+"&timestamp=1726354980' http://127.0.0.1:8080/geniusplugin/api/v1/connection/\n", out.String())

	out.Reset()
	require.NoError(t, Run("geniusplugin", []string{"--endpoint", "getcredit", "--url", "https://www.geniusplugin.com/", "--timestamp", "7126354980"}, &out, 0))
	h = verify.SignGeniusplugin("gp-reseller-test-key-0001", "example.com", "7126354980")
	assert.Equal(t, "curl -sS -X POST --data-raw 'domain=example.com&hash="+h+"&timestamp=7126354980' https://www.geniusplugin.com/api/v1/getcredit/\n", out.String())

	out.Reset()
	require.NoError(t, Run("geniusplugin", []string{"--endpoint", "autologin/client", "--domain", "example.org", "--timestamp", "7126354980"}, &out, 0))
	h = verify.SignGeniusplugin("gp-reseller-test-key-0001", "example.org", "7126354980")
	assert.Equal(t, "curl -sS 'http://127.0.0.1:8080/geniusplugin/autologin/client?domain=example.org&hash="+h+"&timestamp=7126354980'\n", out.String())
}

func TestSignGeniuspluginRandomIVDecrypts(t *testing.T) {
	var a, b bytes.Buffer
	args := []string{"--endpoint", "passwordreset", "--domain", "example.org", "--password", "Str0ng-pass"}
	require.NoError(t, Run("geniusplugin", args, &a, 1726354980))
	require.NoError(t, Run("geniusplugin", args, &b, 1726354980))
	assert.NotEqual(t, a.String(), b.String(), "a fresh IV each time")
	for _, o := range []string{a.String(), b.String()} {
		m := regexp.MustCompile(`&password=([^']+)'`).FindStringSubmatch(o)
		require.NotNil(t, m, o)
		field, err := url.QueryUnescape(m[1])
		require.NoError(t, err)
		plain, variant, err := verify.GPPassDecryptAPIKey("gp-reseller-test-key-0001", field)
		require.NoError(t, err)
		assert.Equal(t, "Str0ng-pass", plain)
		assert.Equal(t, verify.GPKeyRaw, variant)
	}
}

func TestSignGeniuspluginErrors(t *testing.T) {
	var out bytes.Buffer
	assert.ErrorContains(t, Run("geniusplugin", []string{"--endpoint", "transfer"}, &out, 0), `unknown endpoint "transfer"`)
	assert.ErrorContains(t, Run("geniusplugin", []string{"--password", "x", "--iv", "00"}, &out, 0), "--iv must be 32 hex characters")
	assert.ErrorContains(t, Run("geniusplugin", []string{"oops"}, &out, 0), `"oops" is not name=value`)
}
