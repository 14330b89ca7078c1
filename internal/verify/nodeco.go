package verify

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
)

// SignNodeco computes the NODE cloud checksum:
// sha1(sha1(sha1(user_id . api_key . random))), each round hashing the
// previous round's lower-case hex text (PHP's sha1), not its raw bytes.
func SignNodeco(userID, apiKey, random string) string {
	return nodecoRounds(userID + apiKey + random)[2]
}

// nodecoRounds returns the three intermediate digests, for tests and explanations.
func nodecoRounds(s string) [3]string {
	var out [3]string
	for i := range out {
		sum := sha1.Sum([]byte(s))
		s = hex.EncodeToString(sum[:])
		out[i] = s
	}
	return out
}

// VerifyNodeco checks a checksum sent for userID and random against the
// account's apiKey. Only the lower-case hex form PHP's sha1 produces is
// accepted, as the real server compares the strings as they are.
func VerifyNodeco(userID, apiKey, random, got string) Result {
	expected := SignNodeco(userID, apiKey, random)
	canonical := fmt.Sprintf("sha1(sha1(sha1(%s)))", userID+Mask(apiKey)+random)
	r := Result{Canonical: canonical, Expected: expected, Got: got, OK: Equal(expected, got)}
	if r.OK {
		return r
	}
	r.Detail = diffDetail(expected, got)
	if r.Detail == "" {
		r.Detail = "checksum must be lower-case hex, as PHP's sha1 returns it"
	}
	if got != "" {
		r.Detail += fmt.Sprintf(" (user_id=%q, random=%q; the three rounds hash the previous round's hex text)", userID, random)
	}
	return r
}
