package verify

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
)

// GeniuspluginKeyDigest is sha1(trim(key)) as 40 lowercase hex characters, the
// inner digest of the GeniusPlugin hash and the key string of password
// variant B. PHP's trim() strips " \t\n\r\0\x0B".
func GeniuspluginKeyDigest(key string) string {
	return sha1Hex(PHPTrim(key))
}

// SignGeniusplugin computes hash = sha1(sha1(trim(key)) . domain . timestamp)
// as the reseller API documents it: both digests are PHP sha1() output, so
// the inner one is concatenated as lowercase hex, not raw bytes.
func SignGeniusplugin(key, domain, timestamp string) string {
	return sha1Hex(GeniuspluginKeyDigest(key) + domain + timestamp)
}

// VerifyGeniusplugin checks a hash sent by a reseller. The comparison is exact
// (PHP string equality is case-sensitive) and constant-time. The canonical
// string in the result masks the key digest, which is as good as the key.
func VerifyGeniusplugin(key, domain, timestamp, got string) Result {
	digest := GeniuspluginKeyDigest(key)
	expected := sha1Hex(digest + domain + timestamp)
	r := Result{
		Canonical: Mask(digest) + domain + timestamp,
		Expected:  expected,
		Got:       got,
		OK:        Equal(expected, got),
	}
	if !r.OK {
		switch {
		case got == "":
			r.Detail = "no hash was sent"
		case len(got) != len(expected):
			r.Detail = fmt.Sprintf("hash has %d characters, expected %d (sha1 as lowercase hex)", len(got), len(expected))
		case strings.ToLower(got) == expected:
			r.Detail = "hash differs only in letter case: PHP compares exactly and sha1() gives lowercase hex"
		default:
			r.Detail = "hash = sha1(sha1(trim(key)) . domain . timestamp) differs: the key, the domain or the timestamp differs from the client's"
		}
	}
	return r
}

// PHPTrim strips what PHP's trim() strips by default: space, \t, \n, \r, \0 and \x0B.
func PHPTrim(s string) string { return strings.Trim(s, " \t\n\r\x00\x0b") }

func sha1Hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
