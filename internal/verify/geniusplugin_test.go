package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Spec §2.3 worked example.
func TestSignGeniuspluginWorkedExample(t *testing.T) {
	assert.Equal(t, "d47da55dcbb33f06af4771f89afe215c99b2f6c9", GeniuspluginKeyDigest("TESTKEY123"))
	assert.Equal(t, "6f1eaa9a3f41eb5118155ab37632777b0e4029a6", SignGeniusplugin("TESTKEY123", "example.com", "7126354980"))
	// trim(): surrounding whitespace of the key does not change the hash.
	assert.Equal(t, "6f1eaa9a3f41eb5118155ab37632777b0e4029a6", SignGeniusplugin(" TESTKEY123\n", "example.com", "7126354980"))
}

func TestVerifyGeniusplugin(t *testing.T) {
	const good = "6f1eaa9a3f41eb5118155ab37632777b0e4029a6"
	r := VerifyGeniusplugin("TESTKEY123", "example.com", "7126354980", good)
	assert.True(t, r.OK)
	assert.Equal(t, "d47d...f6c9example.com7126354980", r.Canonical)
	assert.Equal(t, good, r.Expected)
	assert.Equal(t, `signature ok; canonical="d47d...f6c9example.com7126354980"`, r.Explain())

	cases := []struct {
		name, key, domain, ts, got, detail string
	}{
		{"uppercase", "TESTKEY123", "example.com", "7126354980", "6F1EAA9A3F41EB5118155AB37632777B0E4029A6",
			"hash differs only in letter case: PHP compares exactly and sha1() gives lowercase hex"},
		{"empty", "TESTKEY123", "example.com", "7126354980", "", "no hash was sent"},
		{"short", "TESTKEY123", "example.com", "7126354980", "6f1e", "hash has 4 characters, expected 40 (sha1 as lowercase hex)"},
		{"other domain", "TESTKEY123", "example.org", "7126354980", good,
			"hash = sha1(sha1(trim(key)) . domain . timestamp) differs: the key, the domain or the timestamp differs from the client's"},
		{"other timestamp", "TESTKEY123", "example.com", "1726354980", good,
			"hash = sha1(sha1(trim(key)) . domain . timestamp) differs: the key, the domain or the timestamp differs from the client's"},
		{"other key", "TESTKEY124", "example.com", "7126354980", good,
			"hash = sha1(sha1(trim(key)) . domain . timestamp) differs: the key, the domain or the timestamp differs from the client's"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := VerifyGeniusplugin(c.key, c.domain, c.ts, c.got)
			assert.False(t, r.OK)
			assert.Equal(t, c.detail, r.Detail)
			assert.Equal(t, c.got, r.Got)
		})
	}
	r = VerifyGeniusplugin("TESTKEY123", "example.com", "1726354980", good)
	assert.Equal(t, `signature mismatch: hash = sha1(sha1(trim(key)) . domain . timestamp) differs: the key, the domain or the timestamp differs from the client's; canonical="d47d...f6c9example.com1726354980"; expected=`+
		SignGeniusplugin("TESTKEY123", "example.com", "1726354980")+`; got="`+good+`"`, r.Explain())
}

func TestPHPTrim(t *testing.T) {
	assert.Equal(t, "a b", PHPTrim(" \t\n\r\x00\x0ba b\x0b\x00 "))
	assert.Equal(t, "\fa", PHPTrim("\fa"), "form feed is not in PHP's default trim set")
}
