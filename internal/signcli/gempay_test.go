package signcli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runGempay(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run("gempay", args, &out, 1726354980)
	return out.String(), err
}

func TestSignGempayOrderUsesRolePrice(t *testing.T) {
	out, err := runGempay(t, "user_id=123456", "zone=1234", "produk_id=1", "ref_id=REF_123456789")
	require.NoError(t, err)
	// sha256("gempay-test-key-0001" + "REF_123456789" + "15000"): the reseller price of product 1.
	assert.Equal(t, `# hash = SHA256(api_key + ref_id + price) with ref_id="REF_123456789" price="15000"`+"\n"+
		`curl -sS -X POST -H 'Authorization: Bearer c3a1152cca1a990d2e60cb39d504317d1b03652fd9a925fb3d1f64861712bb5f' -H 'X-API-Key: gempay-test-key-0001' -H 'X-Request-Time: 1726354980' -H 'Content-Type: application/json' --data-raw '{"user_id":"123456","zone":"1234","produk_id":"1","ref_id":"REF_123456789"}' http://127.0.0.1:8080/gempay/api/order`+"\n", out)

	// A member key hashes the member price (16000).
	out, err = runGempay(t, "--key", "gempay-other-ip-0003", "user_id=1", "produk_id=1", "ref_id=R2", "--time", "2024-09-15T06:03:00+07:00", "--url", "https://gempaytopup.com/")
	require.NoError(t, err)
	assert.Equal(t, `# hash = SHA256(api_key + ref_id + price) with ref_id="R2" price="16000"`+"\n"+
		`curl -sS -X POST -H 'Authorization: Bearer 320f88715f6e4e90cc05202b057230b4c4f169963b2ba6e0d06391e2ef6cf0e2' -H 'X-API-Key: gempay-other-ip-0003' -H 'X-Request-Time: 2024-09-15T06:03:00+07:00' -H 'Content-Type: application/json' --data-raw '{"user_id":"1","produk_id":"1","ref_id":"R2"}' https://gempaytopup.com/api/order`+"\n", out)

	// --price overrides the fixture price (here: the decimal trap).
	out, err = runGempay(t, "--price", "15000.00", "user_id=1", "produk_id=1", "ref_id=R2")
	require.NoError(t, err)
	assert.Contains(t, out, "Bearer aeb1f80a7e5916e5604ecfc2b862b8d2a4c4739479d605be936d5f2a95073912")
}

func TestSignGempayStatusAndProducts(t *testing.T) {
	out, err := runGempay(t, "--endpoint", "cek-status", "trx_id=INV-ABC123XYZ")
	require.NoError(t, err)
	assert.Equal(t, `# hash = SHA256(api_key + trx_id) with trx_id="INV-ABC123XYZ"`+"\n"+
		`curl -sS -X POST -H 'Authorization: Bearer af7cb1257973845647a4eea396aed8dd425087091777498a04b924f99b745f64' -H 'Content-Type: application/json' --data-raw '{"trx_id":"INV-ABC123XYZ"}' http://127.0.0.1:8080/gempay/api/cek-status`+"\n", out)

	out, err = runGempay(t, "--endpoint", "products", "--key", "gempay-poor-key-0004")
	require.NoError(t, err)
	assert.Equal(t, `curl -sS -H 'Authorization: Bearer gempay-poor-key-0004' http://127.0.0.1:8080/gempay/api/products`+"\n", out)
}

func TestSignGempayErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"produk_id=1", "ref_id=R"}, "order needs user_id"},
		{[]string{"--key", "unknown", "user_id=1", "produk_id=1", "ref_id=R"}, `key "unknown" is not a fixture user; pass --price`},
		{[]string{"user_id=1", "produk_id=99", "ref_id=R"}, `product "99" is not in the fixtures`},
		{[]string{"--endpoint", "cek-status"}, "cek-status needs trx_id"},
		{[]string{"--endpoint", "balance"}, `--endpoint "balance" is not products, order or cek-status`},
		{[]string{"oops"}, "is not name=value"},
	} {
		_, err := runGempay(t, c.args...)
		assert.ErrorContains(t, err, c.want, c.args)
	}
	// An unknown key signs fine once the price is given.
	out, err := runGempay(t, "--key", "TESTKEY123", "--price", "15000", "user_id=1", "produk_id=1", "ref_id=REF001")
	require.NoError(t, err)
	assert.Contains(t, out, "Bearer b2963ecaaec4345daa0c7294b186c3dcc74ea0e52a6c8da61fe982960ddf8936", "spec §2.6 vector")
}
