package zipay

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// params is what a PHP server hands a method: the parameters it parsed
// into $_POST (or $_GET for a GET), the string the signature is checked
// against, and, for a body PHP did not parse, why it saw nothing.
type params struct {
	form   *verify.PHPArray
	signed string
	// ignored explains a body PHP did not parse ("" when there was none).
	ignored string
}

// readParams reads the parameters as PHP would: "Send the parameters as POST
// (and not json)" (spec §2.2). An application/x-www-form-urlencoded body is
// parsed and signed as sent; a multipart/form-data body is parsed (file
// parts are no parameters) and signed as http_build_query of what was
// parsed, which is all the server has; a body of any other type (JSON,
// text/plain, none given) fills no parameters at all, so the server signs
// the empty string. A GET signs its query string.
func readParams(r *http.Request) (params, error) {
	if r.Method == http.MethodGet {
		return params{form: verify.PHPParseQuery(r.URL.RawQuery), signed: r.URL.RawQuery}, nil
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return params{}, err
	}
	ct := r.Header.Get("Content-Type")
	mediaType, mt, perr := mime.ParseMediaType(ct)
	switch {
	case perr == nil && mediaType == "application/x-www-form-urlencoded":
		return params{form: verify.PHPParseQuery(string(raw)), signed: string(raw)}, nil
	case perr == nil && mediaType == "multipart/form-data":
		form, err := multipartForm(raw, mt["boundary"])
		if err != nil {
			return unparsed(fmt.Sprintf("the multipart/form-data body could not be parsed (%v)", err)), nil
		}
		return params{form: form, signed: verify.PHPBuildQuery(form)}, nil
	case len(raw) == 0:
		return params{form: verify.NewPHPArray()}, nil
	case ct == "":
		return unparsed("the body was sent without a Content-Type"), nil
	default:
		return unparsed(fmt.Sprintf("the body was sent as Content-Type %q", ct)), nil
	}
}

// unparsed is what the server sees of a body PHP does not parse: nothing.
func unparsed(why string) params {
	return params{
		form: verify.NewPHPArray(),
		ignored: why + ", which PHP does not parse into parameters (\"Send the parameters as POST (and not json)\"): " +
			"the method saw no parameters and the signature was checked against the empty string; " +
			"send application/x-www-form-urlencoded (or multipart/form-data)",
	}
}

// multipartForm parses the non-file parts of a multipart body in order, as
// PHP fills $_POST from them (a repeated name keeps its first place and last
// value, x[] builds an array).
func multipartForm(raw []byte, boundary string) (*verify.PHPArray, error) {
	parts, err := handlers.MultipartFields(raw, boundary)
	if err != nil {
		return nil, err
	}
	enc := make([]string, len(parts))
	for i, p := range parts {
		enc[i] = verify.PHPURLEncode(p.Name) + "=" + verify.PHPURLEncode(p.Value)
	}
	return verify.PHPParseQuery(strings.Join(enc, "&")), nil
}
