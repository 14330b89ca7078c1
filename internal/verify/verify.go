// Package verify holds the signature schemes of the five providers as pure
// functions: Sign builds what an honest client would send, Verify checks what
// a client sent and explains the verdict (the canonical string the server
// built, secrets masked, and what differed). Nothing here does I/O.
package verify

import (
	"crypto/subtle"
	"fmt"
	"strings"
)

// Result is the verdict of a Verify call.
type Result struct {
	// OK is true when the signature matched.
	OK bool
	// Canonical is the string the server signed, secrets masked.
	Canonical string
	// Expected is the signature the server computed.
	Expected string
	// Got is the signature the client sent.
	Got string
	// Detail says in one sentence what differed (empty when OK).
	Detail string
}

// Explain renders the verdict on one line, for the journal and X-Mock-Explain.
func (r Result) Explain() string {
	if r.OK {
		return "signature ok; canonical=" + quote(r.Canonical)
	}
	var b strings.Builder
	b.WriteString("signature mismatch")
	if r.Detail != "" {
		b.WriteString(": ")
		b.WriteString(r.Detail)
	}
	fmt.Fprintf(&b, "; canonical=%s; expected=%s; got=%s", quote(r.Canonical), r.Expected, quote(r.Got))
	return b.String()
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// Mask shows the first 4 and last 4 characters of a secret; shorter secrets are hidden whole.
func Mask(secret string) string {
	if len(secret) <= 8 {
		return strings.Repeat("*", len(secret))
	}
	return secret[:4] + "..." + secret[len(secret)-4:]
}

// Equal compares two strings in constant time for their length.
func Equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// EqualFoldHex compares two hex digests case-insensitively in constant time.
func EqualFoldHex(a, b string) bool { return Equal(strings.ToLower(a), strings.ToLower(b)) }

// compare fills the verdict fields shared by every scheme.
func compare(canonical, expected, got string, detail string) Result {
	r := Result{Canonical: canonical, Expected: expected, Got: got}
	r.OK = EqualFoldHex(expected, got)
	if !r.OK {
		r.Detail = detail
		if r.Detail == "" {
			r.Detail = diffDetail(expected, got)
		}
	}
	return r
}

// diffDetail says where two signatures first differ.
func diffDetail(expected, got string) string {
	if got == "" {
		return "no signature was sent"
	}
	if len(got) != len(expected) {
		return fmt.Sprintf("signature has %d characters, expected %d", len(got), len(expected))
	}
	for i := 0; i < len(got); i++ {
		if lower(got[i]) != lower(expected[i]) {
			return fmt.Sprintf("signatures differ from character %d on: the canonical string or the secret differs from the client's", i+1)
		}
	}
	return ""
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
