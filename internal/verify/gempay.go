package verify

import (
	"crypto/sha256"
	"encoding/hex"
)

// Gempay Top Up V1 signs with a bare SHA-256 of a plain concatenation (no
// separators, no HMAC), sent as "Authorization: Bearer <hex>":
//
//	order:      SHA256(api_key + ref_id + price)   price = the caller's role price, plain base-10 integer
//	cek-status: SHA256(api_key + trx_id)
//
// The hex is compared case-insensitively; the mock emits lower case.

// SignGempayOrder returns the bearer hash of an order.
func SignGempayOrder(apiKey, refID, price string) string {
	return gempaySHA256(apiKey + refID + price)
}

// SignGempayStatus returns the bearer hash of a status check.
func SignGempayStatus(apiKey, trxID string) string {
	return gempaySHA256(apiKey + trxID)
}

// VerifyGempayOrder checks an order's bearer hash against the price the server
// resolved for the caller's role.
func VerifyGempayOrder(apiKey, refID, price, got string) Result {
	expected := SignGempayOrder(apiKey, refID, price)
	canonical := Mask(apiKey) + refID + price
	detail := ""
	if got != "" && !EqualFoldHex(expected, got) {
		detail = diffDetail(expected, got)
		// The usual trap: the price written with decimals. Name it when it is the cause.
		if EqualFoldHex(SignGempayOrder(apiKey, refID, price+".00"), got) {
			detail = "the hash was built with the price written as " + quote(price+".00") + "; the price is the plain integer " + quote(price)
		}
		detail += "; hash = SHA256(api_key + ref_id + price) with ref_id=" + quote(refID) + " and price=" + quote(price) + " (the product's price for the caller's role)"
	}
	return compare(canonical, expected, got, detail)
}

// VerifyGempayStatus checks a status check's bearer hash; trxID is the value
// the client sent (an order_id or its own ref_id).
func VerifyGempayStatus(apiKey, trxID, got string) Result {
	expected := SignGempayStatus(apiKey, trxID)
	canonical := Mask(apiKey) + trxID
	detail := ""
	if got != "" && !EqualFoldHex(expected, got) {
		detail = diffDetail(expected, got) + "; hash = SHA256(api_key + trx_id) with trx_id=" + quote(trxID) + " exactly as sent in the body"
	}
	return compare(canonical, expected, got, detail)
}

func gempaySHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
