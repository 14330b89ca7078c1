package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Vectors from spec §2.6 (key TESTKEY123), byte for byte.
func TestGempaySignVectors(t *testing.T) {
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"status TRX_123456789", SignGempayStatus("TESTKEY123", "TRX_123456789"), "aa9e63f8e0597ef8f547795e58be71febe7891c147875c1a5127163b45f65ef0"},
		{"order REF001 15000", SignGempayOrder("TESTKEY123", "REF001", "15000"), "b2963ecaaec4345daa0c7294b186c3dcc74ea0e52a6c8da61fe982960ddf8936"},
		{"order REF001 15000.00 (decimal trap)", SignGempayOrder("TESTKEY123", "REF001", "15000.00"), "0d225d25ba34e8527f38b114eea0aada61a6da4bbeba49eade6e7bee68d78282"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.got, c.name)
	}
}

func TestVerifyGempayOrder(t *testing.T) {
	good := "b2963ecaaec4345daa0c7294b186c3dcc74ea0e52a6c8da61fe982960ddf8936"
	r := VerifyGempayOrder("TESTKEY123", "REF001", "15000", good)
	assert.True(t, r.OK)
	assert.Equal(t, "TEST...Y123REF00115000", r.Canonical)
	assert.Equal(t, good, r.Expected)
	assert.Equal(t, `signature ok; canonical="TEST...Y123REF00115000"`, r.Explain())

	r = VerifyGempayOrder("TESTKEY123", "REF001", "15000", "B2963ECAAEC4345DAA0C7294B186C3DCC74EA0E52A6C8DA61FE982960DDF8936")
	assert.True(t, r.OK, "hex compares case-insensitively")

	// The decimal-price hash of spec §2.6 must fail against the canonical integer price.
	r = VerifyGempayOrder("TESTKEY123", "REF001", "15000", "0d225d25ba34e8527f38b114eea0aada61a6da4bbeba49eade6e7bee68d78282")
	assert.False(t, r.OK)
	assert.Equal(t, `the hash was built with the price written as "15000.00"; the price is the plain integer "15000"; hash = SHA256(api_key + ref_id + price) with ref_id="REF001" and price="15000" (the product's price for the caller's role)`, r.Detail)
	assert.Equal(t, `signature mismatch: the hash was built with the price written as "15000.00"; the price is the plain integer "15000"; hash = SHA256(api_key + ref_id + price) with ref_id="REF001" and price="15000" (the product's price for the caller's role); canonical="TEST...Y123REF00115000"; expected=`+good+`; got="0d225d25ba34e8527f38b114eea0aada61a6da4bbeba49eade6e7bee68d78282"`, r.Explain())

	// Another role's price (16000) gives a different hash.
	r = VerifyGempayOrder("TESTKEY123", "REF001", "15000", SignGempayOrder("TESTKEY123", "REF001", "16000"))
	assert.False(t, r.OK)
	assert.Contains(t, r.Detail, "signatures differ from character")

	r = VerifyGempayOrder("TESTKEY123", "REF001", "15000", "")
	assert.False(t, r.OK)
	assert.Equal(t, "no signature was sent", r.Detail)

	r = VerifyGempayOrder("TESTKEY123", "REF001", "15000", "abc")
	assert.False(t, r.OK)
	assert.Equal(t, `signature has 3 characters, expected 64; hash = SHA256(api_key + ref_id + price) with ref_id="REF001" and price="15000" (the product's price for the caller's role)`, r.Detail)
}

func TestVerifyGempayStatus(t *testing.T) {
	good := "aa9e63f8e0597ef8f547795e58be71febe7891c147875c1a5127163b45f65ef0"
	r := VerifyGempayStatus("TESTKEY123", "TRX_123456789", good)
	assert.True(t, r.OK)
	assert.Equal(t, "TEST...Y123TRX_123456789", r.Canonical)

	r = VerifyGempayStatus("TESTKEY123", "TRX_123456789", "AA9E63F8E0597EF8F547795E58BE71FEBE7891C147875C1A5127163B45F65EF0")
	assert.True(t, r.OK)

	r = VerifyGempayStatus("OTHERKEY99", "TRX_123456789", good)
	assert.False(t, r.OK, "another key")
	assert.Equal(t, `signature mismatch: signatures differ from character 1 on: the canonical string or the secret differs from the client's; hash = SHA256(api_key + trx_id) with trx_id="TRX_123456789" exactly as sent in the body; canonical="OTHE...EY99TRX_123456789"; expected=`+SignGempayStatus("OTHERKEY99", "TRX_123456789")+`; got="`+good+`"`, r.Explain())

	r = VerifyGempayStatus("TESTKEY123", "TRX_123456788", good)
	assert.False(t, r.OK, "another trx_id")
}
