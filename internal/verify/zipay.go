package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// Zipay signs the form body: api_sign = base64(HMAC-SHA256(secret, body)),
// the secret used as plain text (not hex-decoded), standard base64 with padding.

// Zipay sign modes (config zipay.sign_mode).
const (
	// ZipayStrict accepts a signature over the raw body only when the raw body
	// is also exactly what PHP's http_build_query rebuilds from it.
	ZipayStrict = "strict"
	// ZipayRaw checks the HMAC of the raw body bytes only.
	ZipayRaw = "raw"
	// ZipayPHP checks the HMAC of the PHP rebuild of the parsed body only.
	ZipayPHP = "php"
)

// SignZipay returns base64(hmac_sha256(secret, body)).
func SignZipay(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// VerifyZipay checks got against the HMAC of the raw body (mode "raw").
func VerifyZipay(secret, body, got string) Result {
	return VerifyZipayMode(ZipayRaw, secret, body, got)
}

// VerifyZipayMode checks got for body under one of the sign modes. The
// comparison is exact and constant-time: base64 is case-sensitive, and a
// URL-safe alphabet or missing padding is a different signature.
func VerifyZipayMode(mode, secret, body, got string) Result {
	switch mode {
	case ZipayRaw:
		return zipayCompare(body, SignZipay(secret, body), got, "")
	case ZipayPHP:
		canon := PHPCanonicalForm(body)
		detail := ""
		if canon != body {
			detail = fmt.Sprintf("the server signs the PHP http_build_query rebuild of the parsed body, which differs from the raw body %q", body)
		}
		return zipayCompare(canon, SignZipay(secret, canon), got, detail)
	default: // strict
		canon := PHPCanonicalForm(body)
		expected := SignZipay(secret, body)
		if canon != body {
			r := Result{Canonical: canon, Expected: SignZipay(secret, canon), Got: got}
			r.Detail = fmt.Sprintf("the body %q is not in PHP http_build_query form (PHP rebuilds it as %q): encode like PHP urlencode (space as +, ~ as %%7E, * as %%2A, upper-case hex) and keep one value per name", body, canon)
			return r
		}
		return zipayCompare(body, expected, got, "")
	}
}

func zipayCompare(canonical, expected, got, detail string) Result {
	r := Result{Canonical: canonical, Expected: expected, Got: got}
	r.OK = hmac.Equal([]byte(expected), []byte(got))
	if !r.OK {
		switch {
		case detail != "":
			r.Detail = detail
		case got == "":
			r.Detail = "no api_sign header was sent"
		case len(got) != len(expected):
			r.Detail = fmt.Sprintf("api_sign has %d characters, expected %d (standard base64 of the 32-byte HMAC-SHA256, with = padding)", len(got), len(expected))
		default:
			r.Detail = "api_sign differs: sign the exact body bytes with HMAC-SHA256 keyed by the secret as text, then standard base64"
		}
	}
	return r
}
