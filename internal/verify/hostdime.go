package verify

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// HostDime API v1 signs each restricted call with
//
//	api_hash = hex(sha256(api_timestamp ":" api_unique ":" PRIVATE ":" method.name ":" PARAMS))
//
// where PARAMS is the JSON object of the non-api_* form fields in body order,
// JSON-encoded a second time (so it is a quoted string). The PHP wrappers
// escape "/" and non-ASCII text, the Node and Ruby wrappers do not; the
// server can only rebuild string values, because form fields are strings.

// HostdimeRequest is what a HostDime signature covers.
type HostdimeRequest struct {
	// Method is the dotted method name ("domain.list"), never the URL path.
	Method string
	// Timestamp and Unique are api_timestamp and api_unique as sent.
	Timestamp, Unique string
	// Params is every form field in body order, api_* fields included: the
	// verifier picks what is hashed.
	Params [][2]string
}

// HostdimeOptions tunes which encodings VerifyHostdime accepts.
type HostdimeOptions struct {
	// PHPOnly accepts only the PHP json_encode form (escaped "/" and \uXXXX).
	PHPOnly bool
	// CallbackOptional accepts a hash computed with or without the JSONP
	// callback field: no source says whether it is covered.
	CallbackOptional bool
}

// HostdimeHashParams returns the fields PARAMS is built from: every field but
// the api_* ones and the testing (sandbox) flag, which the JS wrapper adds
// after hashing; with dropCallback also without callback. A repeated name keeps
// its first position and its last value, as PHP's form parser does.
func HostdimeHashParams(all [][2]string, dropCallback bool) [][2]string {
	return hostdimeParams(all, dropCallback, false)
}

// hostdimeParams is HostdimeHashParams, keeping testing where it was sent
// when keepTesting is set: the document excludes only api_* fields.
func hostdimeParams(all [][2]string, dropCallback, keepTesting bool) [][2]string {
	out := make([][2]string, 0, len(all))
	pos := map[string]int{}
	for _, p := range all {
		if strings.HasPrefix(p[0], "api_") || (!keepTesting && p[0] == "testing") || (dropCallback && p[0] == "callback") {
			continue
		}
		if i, ok := pos[p[0]]; ok {
			out[i][1] = p[1]
			continue
		}
		pos[p[0]] = len(out)
		out = append(out, p)
	}
	return out
}

// HostdimeSigningString builds the string that is hashed, over params already
// filtered by HostdimeHashParams.
func HostdimeSigningString(style JSONStyle, private, method, timestamp, unique string, params [][2]string) string {
	return timestamp + ":" + unique + ":" + private + ":" + method + ":" + JSONString(style, JSONObject(style, params))
}

// SignHostdimeStyle returns the api_hash a client using the given encoding sends.
func SignHostdimeStyle(style JSONStyle, private, method, timestamp, unique string, params [][2]string) string {
	sum := sha256.Sum256([]byte(HostdimeSigningString(style, private, method, timestamp, unique, params)))
	return hex.EncodeToString(sum[:])
}

// SignHostdime returns the api_hash the PHP wrapper sends for the method
// parameters params (in body order, without api_* fields).
func SignHostdime(private, method, timestamp, unique string, params [][2]string) string {
	return SignHostdimeStyle(StylePHP, private, method, timestamp, unique, params)
}

// hdVariant is one reading of which fields PARAMS covers.
type hdVariant struct {
	params [][2]string
	// note says how it differs from the default reading ("" for none).
	note string
}

// hostdimeVariants lists the readings VerifyHostdime tries, the default one
// (testing and api_* left out, callback covered) first. The document leaves out
// only api_* fields while the JS wrapper adds testing after hashing, so a body
// with testing is checked both with and without it; callback, which no source
// covers, with and without it when the options say so.
func hostdimeVariants(all [][2]string, opt HostdimeOptions) (variants []hdVariant, varied []string) {
	var hasCallback, hasTesting bool
	for _, p := range all {
		hasCallback = hasCallback || p[0] == "callback"
		hasTesting = hasTesting || p[0] == "testing"
	}
	dropCallback := []bool{false}
	if opt.CallbackOptional && hasCallback {
		dropCallback = append(dropCallback, true)
		varied = append(varied, "callback")
	}
	keepTesting := []bool{false}
	if hasTesting {
		keepTesting = append(keepTesting, true)
		varied = append(varied, "testing")
	}
	for _, kt := range keepTesting {
		for _, dc := range dropCallback {
			var notes []string
			if kt {
				notes = append(notes, "with testing")
			}
			if dc {
				notes = append(notes, "without callback")
			}
			variants = append(variants, hdVariant{params: hostdimeParams(all, dc, kt), note: strings.Join(notes, " and ")})
		}
	}
	return variants, varied
}

// VerifyHostdime checks got against every form the options accept: the PHP
// encoding first, then the plain UTF-8 one, each over the fields without and
// with testing (when sent) and with and, when it is optional, without
// callback. The explanation names the form that matched, or shows the PHP
// form of the default reading when none did.
func VerifyHostdime(private string, req HostdimeRequest, got string, opt HostdimeOptions) Result {
	variants, varied := hostdimeVariants(req.Params, opt)
	styles := []JSONStyle{StylePHP}
	if !opt.PHPOnly {
		styles = append(styles, StylePlain)
	}
	masked := Mask(private)
	var first Result
	for _, style := range styles {
		for _, v := range variants {
			expected := SignHostdimeStyle(style, private, req.Method, req.Timestamp, req.Unique, v.params)
			canonical := HostdimeSigningString(style, masked, req.Method, req.Timestamp, req.Unique, v.params)
			if EqualFoldHex(expected, got) {
				detail := "matched the " + style.String() + " form"
				if v.note != "" {
					detail += " " + v.note
				}
				return Result{OK: true, Canonical: canonical, Expected: expected, Got: got, Detail: detail}
			}
			if first.Canonical == "" {
				first = Result{Canonical: canonical, Expected: expected, Got: got}
			}
		}
	}
	var tried []string
	for _, s := range styles {
		tried = append(tried, s.String())
	}
	detail := diffDetail(first.Expected, got)
	if detail == "" {
		detail = "signatures differ"
	}
	detail += "; tried the " + strings.Join(tried, " and the ") + " forms"
	if len(varied) > 0 {
		detail += ", each with and without " + strings.Join(varied, " and with and without ")
	}
	detail += "; every value is hashed as a string, with no spaces after ':' or ','"
	first.Detail = detail
	return first
}
