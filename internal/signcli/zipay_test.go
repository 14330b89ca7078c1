package signcli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignZipayDocExample(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Run("zipay", []string{"par1=value1", "par2=value2"}, &out, 0))
	assert.Equal(t, "curl -sS -X POST -H 'api_key: 4f3c12fa0a1d1ac8b026298b980f16b2' -H 'api_sign: g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk=' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'par1=value1&par2=value2' http://127.0.0.1:8080/zipay/api/random\n", out.String())
}

func TestSignZipayFlagsAndPHPEncoding(t *testing.T) {
	var out bytes.Buffer
	// PHP encoding of the §2.4 special-characters vector, another key from the fixtures.
	require.NoError(t, Run("zipay", []string{"--method", "transfer", "description=hello world", "receiver=info@example.org", "note=a&b=c+d/e~f*g", "--url", "https://api.zipay.io/"}, &out, 0))
	assert.Equal(t, "curl -sS -X POST -H 'api_key: 4f3c12fa0a1d1ac8b026298b980f16b2' -H 'api_sign: FU5UoPSdnsRloh13SAcCyo9FSAnSSr7XSiR+AA9GZTI=' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'description=hello+world&receiver=info%40example.org&note=a%26b%3Dc%2Bd%2Fe%7Ef%2Ag' https://api.zipay.io/api/transfer\n", out.String())

	out.Reset()
	require.NoError(t, Run("zipay", []string{"--key", "zipay-second-key-0002", "--method", "balance"}, &out, 0))
	assert.Contains(t, out.String(), "-H 'api_key: zipay-second-key-0002' -H 'api_sign: ")
	assert.Contains(t, out.String(), "http://127.0.0.1:8080/zipay/api/balance\n")

	out.Reset()
	require.NoError(t, Run("zipay", []string{"--key", "k", "--secret", "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6", "min=1", "max=100"}, &out, 0))
	assert.Contains(t, out.String(), "-H 'api_sign: ur+Ay5YzlhYgHUEOc20Q2SPPUBs9RvwurZJN68zzO4A='")

	assert.ErrorContains(t, Run("zipay", []string{"--key", "unknown"}, &out, 0), "pass --secret")
	assert.ErrorContains(t, Run("zipay", []string{"--method", "a/b"}, &out, 0), "not an API method")
	assert.ErrorContains(t, Run("zipay", []string{"noequals"}, &out, 0), "not name=value")
}
