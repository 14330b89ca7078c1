package journal

// Reason says why an exchange was refused or failed. Every provider files the
// same event under the same reason, so that a filter on the dashboard or in
// the admin API means the same thing whichever provider it looks at.
type Reason string

// The reasons every provider shares.
const (
	// ReasonMissingParam: a credential or a required parameter is absent.
	ReasonMissingParam Reason = "missing_param"
	// ReasonUnknownKey: the API key, account or user id names no (enabled) account.
	ReasonUnknownKey Reason = "unknown_key"
	// ReasonBadSignature: the signature, hash or checksum does not verify.
	ReasonBadSignature Reason = "signature_mismatch"
	// ReasonTimeWindow: the request time is unreadable or outside the allowed window.
	ReasonTimeWindow Reason = "timestamp_invalid"
	// ReasonIPRefused: the caller's address is not on the account's whitelist.
	ReasonIPRefused Reason = "ip_not_whitelisted"
	// ReasonRateLimited: a rate limit is exhausted.
	ReasonRateLimited Reason = "rate_limited"
	// ReasonReplay: a nonce or unique value was used before.
	ReasonReplay Reason = "replay"
	// ReasonForbidden: the caller is known but may not do this (a permission,
	// a method not enabled on the key).
	ReasonForbidden Reason = "forbidden"
	// ReasonValidation: a parameter is malformed, out of range or not allowed.
	ReasonValidation Reason = "validation"
	// ReasonNotFound: the route, method or object does not exist for the caller.
	ReasonNotFound Reason = "not_found"
	// ReasonMethodNotAllowed: the HTTP method is not served on this path.
	ReasonMethodNotAllowed Reason = "method_not_allowed"
	// ReasonState: the object's state forbids the action (suspended, canceled,
	// not paid yet, installing).
	ReasonState Reason = "state"
	// ReasonInsufficientFunds: the balance or credit does not cover the charge.
	ReasonInsufficientFunds Reason = "insufficient_funds"
	// ReasonMagicValue: a documented magic input asked for this answer.
	ReasonMagicValue Reason = "magic_value"
	// ReasonBodyTooLarge: the request body is over the configured limit.
	ReasonBodyTooLarge Reason = "body_too_large"
	// ReasonBadBody: the request body could not be read.
	ReasonBadBody Reason = "bad_body"
	// ReasonInternal: an error of the mock itself (a store error, a bug).
	ReasonInternal Reason = "internal"
	// ReasonPanic: a handler panicked.
	ReasonPanic Reason = "panic"
	// ReasonFault: an injected fault answered.
	ReasonFault Reason = "fault"
	// ReasonOverride: a response override answered.
	ReasonOverride Reason = "override"
)
