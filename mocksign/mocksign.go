// Package mocksign signs requests the way each emulated provider's docs say,
// so that a Go client or test can call the mocksuite emulators (or the real
// APIs) without copying a key, a secret and a hash recipe from the docs. It
// also exports the fixture credentials the mock starts with (see
// credentials.go): made-up test keys and the providers' documented samples.
//
// Every function here uses the same code as the mock's own verifiers, so a
// request signed with it is accepted by the mock; each documents the recipe.
// Parameters are ordered name/value pairs because several recipes hash the
// body in the order it is sent.
package mocksign

import (
	"net/url"
	"strings"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// Param is one request parameter. Order matters: bodies are sent, and for
// HostDime and Zipay hashed, in the order given.
type Param struct {
	Name, Value string
}

func pairs(params []Param) [][2]string {
	out := make([][2]string, len(params))
	for i, p := range params {
		out[i] = [2]string{p.Name, p.Value}
	}
	return out
}

// formEncode renders params as an application/x-www-form-urlencoded body, in order.
func formEncode(params []Param) string {
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = url.QueryEscape(p.Name) + "=" + url.QueryEscape(p.Value)
	}
	return strings.Join(parts, "&")
}

// NodeChecksum is the NODE cloud (node.co.id and virtdedi.com) checksum:
// sha1(sha1(sha1(user_id . api_key . random))), lowercase hex.
func NodeChecksum(userID, apiKey, random string) string {
	return verify.SignNodeco(userID, apiKey, random)
}

// NodeForm is the form body of a NODE call: user_id, random and checksum,
// then params in order. POST it to /api-sandbox/v1/FUNCTION (or /api/v1/ for
// the real stage) under the provider's base URL.
func NodeForm(userID, apiKey, random string, params ...Param) string {
	all := append([]Param{{"user_id", userID}, {"random", random}, {"checksum", NodeChecksum(userID, apiKey, random)}}, params...)
	return formEncode(all)
}

// HostdimeHash is HostDime API v1's api_hash:
// hex(sha256(timestamp ":" unique ":" private key ":" method ":" PARAMS)),
// where PARAMS is the JSON object of params (as PHP's json_encode writes it)
// encoded once more as a JSON string. method is dotted ("server.power.cycle").
func HostdimeHash(privateKey, method, timestamp, unique string, params ...Param) string {
	return verify.SignHostdime(privateKey, method, timestamp, unique, verify.HostdimeHashParams(pairs(params), false))
}

// HostdimeForm is the form body of a HostDime call: params in order, then
// api_key, api_timestamp, api_unique and api_hash. POST it to
// /v1/METHOD/WITH/SLASHES.json under the provider's base URL.
func HostdimeForm(publicKey, privateKey, method, timestamp, unique string, params ...Param) string {
	all := append(append([]Param{}, params...),
		Param{"api_key", publicKey}, Param{"api_timestamp", timestamp}, Param{"api_unique", unique},
		Param{"api_hash", HostdimeHash(privateKey, method, timestamp, unique, params...)})
	return formEncode(all)
}

// HostdimePath is the URL path of a dotted method in a format (json, xml, yml).
func HostdimePath(method, format string) string {
	return "/v1/" + strings.ReplaceAll(method, ".", "/") + "." + format
}

// GempayOrderHash is the bearer token of a Gempay order:
// hex(sha256(api_key + ref_id + price)), with the price of the product for
// the key's role as a whole number ("15000", not "15000.00").
func GempayOrderHash(apiKey, refID, price string) string {
	return verify.SignGempayOrder(apiKey, refID, price)
}

// GempayStatusHash is the bearer token of a Gempay status check:
// hex(sha256(api_key + trx_id)).
func GempayStatusHash(apiKey, trxID string) string {
	return verify.SignGempayStatus(apiKey, trxID)
}

// GeniuspluginHash is the GeniusPlugin reseller hash:
// sha1(sha1(trim(api_key)) . domain . timestamp), lowercase hex.
func GeniuspluginHash(apiKey, domain, timestamp string) string {
	return verify.SignGeniusplugin(apiKey, domain, timestamp)
}

// GeniuspluginForm is the form body of a reseller call: domain, hash and
// timestamp, then params in order. POST it to /api/v1/ENDPOINT/.
func GeniuspluginForm(apiKey, domain, timestamp string, params ...Param) string {
	all := append([]Param{{"domain", domain}, {"hash", GeniuspluginHash(apiKey, domain, timestamp)}, {"timestamp", timestamp}}, params...)
	return formEncode(all)
}

// GeniuspluginPassword encrypts a password field as the reseller module's
// gpfPassEncrypt does (AES-128-CBC under the trimmed API key, HMAC-SHA256,
// base64), with a 16-byte iv: random in real use, fixed to reproduce examples.
func GeniuspluginPassword(apiKey, password string, iv []byte) (string, error) {
	return verify.GPPassEncrypt(verify.PHPTrim(apiKey), password, iv)
}

// ZipayBody renders params as PHP's http_build_query does: the exact bytes
// to sign and to send.
func ZipayBody(params ...Param) string {
	return verify.PHPBuildPairs(pairs(params))
}

// ZipaySign is Zipay's api_sign header: base64(HMAC-SHA256(secret, body)),
// the secret used as text.
func ZipaySign(secret, body string) string {
	return verify.SignZipay(secret, body)
}
