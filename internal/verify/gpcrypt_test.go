package verify

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var gpIV = func() []byte {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}()

// Spec §3.4 worked examples: key string, AES key, ciphertext_raw, HMAC, field.
var gpVectors = []struct {
	name, keyString, aesKey, ct, mac, field string
}{
	{"variant A raw key NUL-padded", "TESTKEY123", "544553544b4559313233000000000000",
		"4f1561a10256c7525cd784fc32820a91", "4bdc91bba773620eb5f9096d20ec7ab8b6904b0b52dcacf44f420f9bb2a6d7bf",
		"AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte/TxVhoQJWx1Jc14T8MoIKkQ=="},
	{"variant B sha1 hex key", "d47da55dcbb33f06af4771f89afe215c99b2f6c9", "64343764613535646362623333663036",
		"c6870e3683ddd944f9ea5d080c828c77", "8b0059d8fad8f45ea2dc25f42782905ad5677dbb40339907f5666209bea233ed",
		"AAECAwQFBgcICQoLDA0OD4sAWdj62PReotwl9CeCkFrVZ327QDOZB/VmYgm+ojPtxocONoPd2UT56l0IDIKMdw=="},
	{"truncation of a 23-byte key", "GPK-0123456789abcdefXYZ", "47504b2d303132333435363738396162",
		"2afa336b435b858f824e5b60a270955f", "bdac4a432f9d4eaf575995fd91519bde49a863c487d7bdc5e7053cb74f2bc14a",
		"AAECAwQFBgcICQoLDA0OD72sSkMvnU6vV1mV/ZFRm95JqGPEh9e9xecFPLdPK8FKKvoza0NbhY+CTltgonCVXw=="},
}

func TestGPPassWorkedExamples(t *testing.T) {
	for _, v := range gpVectors {
		t.Run(v.name, func(t *testing.T) {
			assert.Equal(t, v.aesKey, hex.EncodeToString(PHPKey16(v.keyString)))
			assert.Equal(t, v.mac, hex.EncodeToString(gpMAC(v.keyString, mustHex(t, v.ct))))

			got, err := GPPassEncrypt(v.keyString, "S3cret!pass", gpIV)
			require.NoError(t, err)
			assert.Equal(t, v.field, got)

			raw, err := base64.StdEncoding.DecodeString(got)
			require.NoError(t, err)
			assert.Equal(t, hex.EncodeToString(gpIV)+v.mac+v.ct, hex.EncodeToString(raw))

			plain, err := GPPassDecrypt(v.keyString, v.field)
			require.NoError(t, err)
			assert.Equal(t, "S3cret!pass", plain)
		})
	}
}

func TestGPPassTruncationKeepsCiphertextChangesMAC(t *testing.T) {
	long, err := GPPassEncrypt("GPK-0123456789abcdefXYZ-and-more", "S3cret!pass", gpIV)
	require.NoError(t, err)
	raw, _ := base64.StdEncoding.DecodeString(long)
	assert.Equal(t, "2afa336b435b858f824e5b60a270955f", hex.EncodeToString(raw[48:]), "AES sees only the first 16 bytes")
	assert.NotEqual(t, "bdac4a432f9d4eaf575995fd91519bde49a863c487d7bdc5e7053cb74f2bc14a", hex.EncodeToString(raw[16:48]), "HMAC sees the whole string")
	_, err = GPPassDecrypt("GPK-0123456789abcdefXYZ", long)
	assert.ErrorIs(t, err, ErrGPMAC)
}

func TestGPPassDecryptAPIKeyVariants(t *testing.T) {
	plain, variant, err := GPPassDecryptAPIKey("TESTKEY123", gpVectors[0].field)
	require.NoError(t, err)
	assert.Equal(t, "S3cret!pass", plain)
	assert.Equal(t, GPKeyRaw, variant)

	plain, variant, err = GPPassDecryptAPIKey("TESTKEY123", gpVectors[1].field)
	require.NoError(t, err)
	assert.Equal(t, "S3cret!pass", plain)
	assert.Equal(t, GPKeySHA1, variant)

	plain, variant, err = GPPassDecryptAPIKey(" TESTKEY123 ", gpVectors[0].field)
	require.NoError(t, err, "the key is trimmed as for the hash")
	assert.Equal(t, "S3cret!pass", plain)
	assert.Equal(t, GPKeyRaw, variant)

	_, _, err = GPPassDecryptAPIKey("OTHERKEY", gpVectors[0].field)
	assert.ErrorIs(t, err, ErrGPMAC)
}

func TestGPPassDecryptRejects(t *testing.T) {
	key := "TESTKEY123"
	good := gpVectors[0].field
	raw, _ := base64.StdEncoding.DecodeString(good)

	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 1
		return base64.StdEncoding.EncodeToString(b)
	}
	// A correct HMAC over a ciphertext whose padding is wrong: encrypt a full
	// block without padding and sign it.
	badPad := func() string {
		block, _ := aes.NewCipher(PHPKey16(key))
		ct := make([]byte, 16)
		cipher.NewCBCEncrypter(block, gpIV).CryptBlocks(ct, []byte("0123456789abcde\x00"))
		out := append(append(append([]byte(nil), gpIV...), gpMAC(key, ct)...), ct...)
		return base64.StdEncoding.EncodeToString(out)
	}()
	cases := []struct {
		name, field string
		want        error
	}{
		{"not base64", "%%%", ErrGPBase64},
		{"url alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(good), ErrGPBase64},
		{"empty", "", ErrGPLength},
		{"too short", base64.StdEncoding.EncodeToString(raw[:63]), ErrGPLength},
		{"not whole blocks", base64.StdEncoding.EncodeToString(append(append([]byte(nil), raw...), 1)), ErrGPLength},
		{"mac flipped", flip(20), ErrGPMAC},
		{"ciphertext flipped", flip(60), ErrGPMAC},
		{"bad padding", badPad, ErrGPPadding},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := GPPassDecrypt(key, c.field)
			assert.ErrorIs(t, err, c.want)
			_, _, err = GPPassDecryptAPIKey(key, c.field)
			assert.ErrorIs(t, err, c.want)
		})
	}
	// A flipped IV byte still verifies (the HMAC does not cover the IV) but
	// changes the first plaintext block.
	plain, err := GPPassDecrypt(key, flip(0))
	require.NoError(t, err)
	assert.Equal(t, "R3cret!pass", plain)
}

func TestGPPassEncryptRejectsBadIV(t *testing.T) {
	_, err := GPPassEncrypt("k", "p", []byte{1, 2, 3})
	assert.EqualError(t, err, "gpcrypt: IV must be 16 bytes, got 3")
}

func TestGPPassRoundTripLengths(t *testing.T) {
	for n := 0; n <= 33; n++ {
		p := strings.Repeat("x", n)
		f, err := GPPassEncrypt("gp-reseller-test-key-0001", p, gpIV)
		require.NoError(t, err)
		got, err := GPPassDecrypt("gp-reseller-test-key-0001", f)
		require.NoError(t, err)
		assert.Equal(t, p, got)
	}
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}
