package handlers

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// secretNames are the parameter, field and header names of every provider
// whose values the journal and the log show masked (first and last four
// characters): keys, signatures, checksums, hashes, passwords and tokens.
var secretNames = map[string]bool{
	"api_key": true, "api-key": true, "apikey": true, "x-api-key": true, "key": true, "secret": true,
	"private_key": true, "api_sign": true, "api-sign": true, "sign": true, "signature": true,
	"api_hash": true, "hash": true, "checksum": true,
	"password": true, "root_password": true, "new_password": true, "passwd": true,
	"token": true, "access_token": true, "authorization": true, "cookie": true,
}

// passwordNames are the fields an answer may echo (virtdedi's root_password,
// change_server_password's password): masked in the journal's copy of answers.
var passwordNames = map[string]bool{"password": true, "root_password": true, "new_password": true}

// maxMasked bounds how much of a body is masked and kept: the journal keeps
// only its first bytes, and masking a whole 1 MiB body per request is waste.
const maxMasked = 64 << 10

// secretRaw finds name=value, "name":"value" and <name>value</name> in text
// that no parser accepted, so a secret in a malformed body is masked too.
var secretRaw = func() []*regexp.Regexp {
	var names []string
	for n := range secretNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	alt := strings.Join(names, "|")
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)((?:^|[^a-z0-9_-])(?:` + alt + `)\s*=\s*)([^&\s"'<>]+)`),
		regexp.MustCompile(`(?i)("(?:` + alt + `)"\s*:\s*")((?:[^"\\]|\\.)*)`),
		regexp.MustCompile(`(?i)(<(?:` + alt + `)>)([^<]*)`),
	}
}()

// alreadyMasked matches what verify.Mask produced (plain or URL-escaped), so
// masking twice changes nothing.
var alreadyMasked = regexp.MustCompile(`^(\*+|(%2A)+|.{4}\.\.\..{4})$`)

// MaskForm masks secret values in a form-encoded string, keeping order and
// the rest byte for byte; text no parser accepts is masked by pattern.
func MaskForm(s string) string {
	if s == "" {
		return s
	}
	masked := maskPairs(s, secretNames)
	if plainForm(s) {
		return masked // no pattern can find a secret the pairs did not show
	}
	return maskRaw(masked)
}

// plainForm reports whether s is a form whose every field name is plain
// ([A-Za-z0-9_-]) and which holds no quote, angle bracket, white space or
// second '=' in a field. In such text the patterns of maskRaw can only match
// a name=value pair that maskPairs has already judged, so the regular
// expressions (most of the cost of journaling a request) are skipped.
func plainForm(s string) bool {
	inName, eqs := true, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			inName, eqs = true, 0
		case c == '=':
			if eqs++; eqs > 1 {
				return false
			}
			inName = false
		case c == '"' || c == '\'' || c == '<' || c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return false
		case inName && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'):
			return false
		}
	}
	return true
}

// MaskQuery masks a raw query string, whatever characters it holds.
func MaskQuery(s string) string { return MaskForm(s) }

// MaskBody masks a request body by its Content-Type: JSON, multipart or form
// (anything else is masked by pattern). Only the first maxMasked bytes are kept.
func MaskBody(body []byte, contentType string) string {
	if len(body) > maxMasked {
		body = body[:maxMasked]
	}
	mt, params, _ := mime.ParseMediaType(contentType)
	if strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
		return maskRaw(maskMultipart(body, params["boundary"]))
	}
	if s, ok := maskJSON(body, secretNames); ok {
		return s
	}
	return MaskForm(string(body))
}

// MaskAnswer masks the passwords an answer echoes, in JSON or, for other
// formats and cut bodies, by pattern.
func MaskAnswer(body []byte) string {
	if len(body) > maxMasked {
		body = body[:maxMasked]
	}
	// Every name in passwordNames contains "password": an answer without it
	// (nearly all of them) has nothing to mask, and is not parsed at all.
	if !containsFoldASCII(body, "password") {
		return string(body)
	}
	if s, ok := maskJSON(body, passwordNames); ok {
		return s
	}
	return maskRaw(string(body))
}

func maskPairs(s string, names map[string]bool) string {
	if !strings.Contains(s, "=") {
		return s
	}
	parts := strings.Split(s, "&")
	for i, kv := range parts {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if !names[strings.ToLower(strings.TrimSpace(name))] {
			continue
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = url.QueryEscape(verify.Mask(dv))
		} else {
			v = verify.Mask(v)
		}
		parts[i] = k + "=" + v
	}
	return strings.Join(parts, "&")
}

func maskRaw(s string) string {
	for _, re := range secretRaw {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			sub := re.FindStringSubmatch(m)
			if alreadyMasked.MatchString(sub[2]) {
				return m
			}
			return sub[1] + verify.Mask(sub[2])
		})
	}
	return s
}

// maskJSON masks the string values of secret keys at any depth, keeping every
// other byte as sent. It reports false for text that is not JSON.
func maskJSON(b []byte, names map[string]bool) (string, bool) {
	t := bytes.TrimSpace(b)
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') || !json.Valid(t) {
		return "", false
	}
	// One pass over valid JSON: a string followed by ':' is a key; the
	// string value of a secret key is replaced, every other byte kept. This
	// runs on every journaled exchange, so it neither decodes the document
	// nor allocates unless it masks.
	var out []byte
	last := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		end := jsonStringEnd(b, i)
		colon := skipJSONSpace(b, end+1)
		if colon < len(b) && b[colon] == ':' && isSecretKey(b[i:end+1], names) {
			v := skipJSONSpace(b, colon+1)
			if v < len(b) && b[v] == '"' {
				vend := jsonStringEnd(b, v)
				var val string
				if json.Unmarshal(b[v:vend+1], &val) == nil {
					enc, _ := json.Marshal(verify.Mask(val))
					out = append(append(out, b[last:v]...), enc...)
					last = vend + 1
				}
				i = vend
				continue
			}
		}
		i = end
	}
	if out == nil {
		return string(b), true
	}
	return string(append(out, b[last:]...)), true
}

// jsonStringEnd returns the index of the quote closing the JSON string that
// opens at b[start] (the input is valid JSON).
func jsonStringEnd(b []byte, start int) int {
	for i := start + 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(b) - 1
}

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// isSecretKey reports whether the quoted key names a secret, in any case.
func isSecretKey(quoted []byte, names map[string]bool) bool {
	raw := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(raw, '\\') >= 0 { // escapes: decode first
		var k string
		return json.Unmarshal(quoted, &k) == nil && names[strings.ToLower(k)]
	}
	var buf [32]byte
	if len(raw) > len(buf) {
		return false // no secret name is that long
	}
	for i, c := range raw {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return names[string(buf[:len(raw)])]
}

// maskMultipart masks the values of secret fields of a multipart body in
// place, keeping the parts' headers and every other byte.
func maskMultipart(b []byte, boundary string) string {
	delim := []byte("--" + boundary)
	chunks := bytes.Split(b, delim)
	for i := 1; i < len(chunks); i++ {
		c := chunks[i]
		sep := []byte("\r\n\r\n")
		h := bytes.Index(c, sep)
		if h < 0 {
			sep = []byte("\n\n")
			if h = bytes.Index(c, sep); h < 0 {
				continue
			}
		}
		if !secretNames[strings.ToLower(partName(string(c[:h])))] {
			continue
		}
		content := c[h+len(sep):]
		trail := ""
		for _, t := range []string{"\r\n", "\n"} {
			if bytes.HasSuffix(content, []byte(t)) {
				content, trail = content[:len(content)-len(t)], t
				break
			}
		}
		chunks[i] = append(append([]byte{}, c[:h+len(sep)]...), verify.Mask(string(content))+trail...)
	}
	return string(bytes.Join(chunks, delim))
}

// partName is the form field name of a part's headers.
func partName(headers string) string {
	for _, line := range strings.Split(headers, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "Content-Disposition") {
			continue
		}
		if _, params, err := mime.ParseMediaType(strings.TrimSpace(v)); err == nil {
			return params["name"]
		}
	}
	return ""
}

func maskHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, vs := range h {
		v := strings.Join(vs, ", ")
		if secretNames[strings.ToLower(k)] {
			if scheme, rest, ok := strings.Cut(v, " "); ok && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Basic")) {
				v = scheme + " " + verify.Mask(rest)
			} else {
				v = verify.Mask(v)
			}
		}
		out[k] = v
	}
	return out
}

// containsFoldASCII reports whether b holds word (lower-case ASCII) in any
// letter case, without copying b.
func containsFoldASCII(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		j := 0
		for ; j < len(word); j++ {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// answerMemo keeps the journal's copy (masked, cut) of the last answer one
// provider sent. Clients poll: the same resource comes back byte for byte,
// and the copy is a pure function of those bytes, so it is reused instead of
// parsed and masked again.
type answerMemo struct {
	mu   sync.Mutex
	raw  []byte
	copy string
}

func (m *answerMemo) journalCopy(b []byte) string {
	m.mu.Lock()
	if m.raw != nil && bytes.Equal(m.raw, b) {
		c := m.copy
		m.mu.Unlock()
		return c
	}
	m.mu.Unlock()
	c := journal.Truncate([]byte(MaskAnswer(b)))
	m.mu.Lock()
	m.raw, m.copy = append(m.raw[:0], b...), c
	m.mu.Unlock()
	return c
}
