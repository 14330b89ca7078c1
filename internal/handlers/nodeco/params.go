package nodeco

import (
	"io"
	"mime"
	"net/http"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mocksuite/mocksuite/internal/handlers"
)

// readParams reads the request's parameters as a PHP server fills $_REQUEST
// from $_GET and $_POST: the query string, then a body of
// application/x-www-form-urlencoded or multipart/form-data (what PHP's curl
// sends for an array in CURLOPT_POSTFIELDS); file parts go to $_FILES, not
// here. Each name holds one value: the last of its repeats (PHP's rule), from
// the body when the body has it (request_order "GP"). The body has been
// buffered and size-limited by the common middleware; it is read through
// GetBody when there is one, so a second reader (an override) sees it too.
func readParams(r *http.Request) (url.Values, error) {
	out := url.Values{}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	lastOf(out, query)
	if r.Method != http.MethodPost {
		return out, nil
	}
	mediaType, mt, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/x-www-form-urlencoded" && mediaType != "multipart/form-data" {
		return out, nil
	}
	raw, err := bodyBytes(r)
	if err != nil {
		return nil, err
	}
	var body url.Values
	if mediaType == "multipart/form-data" {
		body, err = multipartValues(raw, mt["boundary"])
	} else {
		body, err = url.ParseQuery(string(raw))
	}
	if err != nil {
		return nil, err
	}
	lastOf(out, body)
	return out, nil
}

// bodyBytes reads the buffered body without using it up when it can.
func bodyBytes(r *http.Request) ([]byte, error) {
	if r.GetBody != nil {
		rc, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	if r.Body == nil {
		return nil, nil
	}
	return io.ReadAll(r.Body)
}

// lastOf sets into each name of from its last value.
func lastOf(into, from url.Values) {
	for k, v := range from {
		if len(v) > 0 {
			into[k] = []string{v[len(v)-1]}
		}
	}
}

// multipartValues reads the non-file parts of a multipart/form-data body, in
// order. File parts (a filename in Content-Disposition) are skipped.
func multipartValues(raw []byte, boundary string) (url.Values, error) {
	parts, err := handlers.MultipartFields(raw, boundary)
	if err != nil {
		return nil, err
	}
	out := url.Values{}
	for _, p := range parts {
		out.Add(p.Name, p.Value)
	}
	return out, nil
}

// str reads a parameter, refusing it when required and empty or when longer
// than maxLen characters.
func (c *call) str(name string, maxLen int, required bool) (string, error) {
	v := c.form.Get(name)
	if v == "" {
		if required {
			return "", refuse(errMissingParamFmt, name)
		}
		return "", nil
	}
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxLen {
		return "", refuse(errTooLongFmt, name, maxLen)
	}
	return v, nil
}

// enum reads an optional parameter limited to allowed values, with a default.
func (c *call) enum(name, def string, allowed ...string) (string, error) {
	v := c.form.Get(name)
	if v == "" {
		return def, nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", refuse(errEnumFmt, name, strings.Join(allowed, ", "))
}

// requiredEnum reads a required parameter limited to allowed values.
func (c *call) requiredEnum(name string, allowed ...string) (string, error) {
	if c.form.Get(name) == "" {
		return "", refuse(errMissingParamFmt, name)
	}
	return c.enum(name, "", allowed...)
}

// yesNo reads an optional yes/no flag (default no).
func (c *call) yesNo(name string) (string, error) { return c.enum(name, "no", "no", "yes") }

// intRange reads an integer parameter within [lo, hi]; def is used when it is absent and not required.
func (c *call) intRange(name string, required bool, def, lo, hi int) (int, error) {
	v := c.form.Get(name)
	if v == "" {
		if required {
			return 0, refuse(errMissingParamFmt, name)
		}
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi || strings.TrimLeft(v, "0123456789") != "" {
		return 0, refuse(errIntRangeFmt, name, lo, hi)
	}
	return n, nil
}

// hostname reads an FQDN parameter.
func (c *call) hostname(name string, required bool) (string, error) {
	v, err := c.str(name, 50, required)
	if err != nil || v == "" {
		return v, err
	}
	if !isFQDN(v) {
		return "", refuse(errHostname)
	}
	return v, nil
}

// isFQDN accepts at least two dot-separated labels of letters, digits and
// inner hyphens, the last one not all digits.
func isFQDN(s string) bool {
	labels := strings.Split(strings.TrimSuffix(s, "."), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			ch := l[i]
			if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-') {
				return false
			}
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}

// email reads an e-mail address parameter.
func (c *call) email(name string) (string, error) {
	v, err := c.str(name, 50, true)
	if err != nil {
		return "", err
	}
	a, perr := mail.ParseAddress(v)
	if perr != nil || a.Address != v || a.Name != "" {
		return "", refuse(errEmail)
	}
	return v, nil
}

// httpURL reads an optional or required http(s) URL parameter.
func (c *call) httpURL(name string, maxLen int, required bool) (string, error) {
	v, err := c.str(name, maxLen, required)
	if err != nil || v == "" {
		return v, err
	}
	u, perr := url.Parse(v)
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", refuse(errURLFmt, name)
	}
	return v, nil
}

// ipv4 reads a required IPv4 address parameter.
func (c *call) ipv4(name string, maxLen int) (string, error) {
	v, err := c.str(name, maxLen, true)
	if err != nil {
		return "", err
	}
	a, perr := netip.ParseAddr(v)
	if perr != nil || !a.Is4() {
		return "", refuse(errIPv4Fmt, name)
	}
	return v, nil
}

// password checks the root password rule of change_server_password.
func validPassword(p string) bool { return !strings.ContainsAny(p, `'"$ `) }

// sshKeys checks up to 10 newline-separated public keys.
func (c *call) sshKeys() (string, error) {
	v := c.form.Get("ssh_keys")
	if v == "" {
		return "", nil
	}
	var n int
	for _, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n++
		kind, rest, ok := strings.Cut(line, " ")
		if !ok || rest == "" || !(strings.HasPrefix(kind, "ssh-") || strings.HasPrefix(kind, "ecdsa-") || strings.HasPrefix(kind, "sk-")) {
			return "", refuse(errSSHKeyInvalid)
		}
	}
	if n > 10 {
		return "", refuse(errSSHKeysCount)
	}
	return v, nil
}

// isHexColor accepts #rgb and #rrggbb.
func isHexColor(s string) bool {
	if len(s) != 4 && len(s) != 7 || s[0] != '#' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[i])) {
			return false
		}
	}
	return true
}
