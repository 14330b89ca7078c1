package verify

import (
	"strconv"
	"strings"
)

// PHP form handling, for schemes whose server re-encodes what it parsed with
// http_build_query (Zipay). A PHP server never sees the raw body: it sees
// $_POST as parse_str built it, and a signature check that re-encodes $_POST
// signs PHP's own spelling of the form. These functions reproduce both steps,
// keeping PHP's insertion order (Go's url.Values would sort and lose it).

// PHPValue is one value of a parsed PHP form: a string, or an ordered array
// (for a[b]=1 or x[]=1 style keys).
type PHPValue struct {
	Str   string
	Array *PHPArray // nil for a string
}

// IsArray reports whether the value is a nested array.
func (v PHPValue) IsArray() bool { return v.Array != nil }

// PHPArray is an ordered map with PHP's key rules: a key that is a canonical
// decimal integer is an integer key and advances the next append index.
type PHPArray struct {
	keys []string
	vals map[string]PHPValue
	next int64
}

// NewPHPArray returns an empty array.
func NewPHPArray() *PHPArray { return &PHPArray{vals: map[string]PHPValue{}} }

// Keys returns the keys in insertion order.
func (a *PHPArray) Keys() []string { return append([]string(nil), a.keys...) }

// Len is the number of entries.
func (a *PHPArray) Len() int { return len(a.keys) }

// Get returns the value under key.
func (a *PHPArray) Get(key string) (PHPValue, bool) {
	v, ok := a.vals[key]
	return v, ok
}

// Set stores v under key. Overwriting keeps the key's first position, as PHP does.
func (a *PHPArray) Set(key string, v PHPValue) {
	if _, ok := a.vals[key]; !ok {
		a.keys = append(a.keys, key)
	}
	a.vals[key] = v
	if n, ok := phpIntKey(key); ok && n >= a.next {
		a.next = n + 1
	}
}

// Append stores v under the next integer key (x[]=v).
func (a *PHPArray) Append(v PHPValue) {
	a.Set(strconv.FormatInt(a.next, 10), v)
}

// phpIntKey reports whether PHP would treat key as an integer array key:
// a decimal without leading zeros (or "0"), optionally negative, in range.
func phpIntKey(key string) (int64, bool) {
	s := strings.TrimPrefix(key, "-")
	if s == "" || (len(s) > 1 && s[0] == '0') || (key[0] == '-' && s == "0") {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(key, 10, 64)
	return n, err == nil
}

// PHPURLEncode encodes s like PHP's urlencode: letters, digits and "-_." stay,
// a space becomes "+", every other byte becomes %XX with upper-case hex.
func PHPURLEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// PHPURLDecode decodes like PHP's urldecode: "+" is a space, %XX with two hex
// digits (either case) is that byte, and a "%" not followed by two hex digits
// stays as it is (PHP never fails to decode).
func PHPURLDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// phpMaxDepth mirrors PHP's default max_input_nesting_level.
const phpMaxDepth = 64

// PHPParseQuery parses a form body the way PHP fills $_POST (parse_str):
// pairs split on "&", names and values url-decoded, empty names dropped, a
// bare name gives "", a repeated name keeps its first position but the last
// value, spaces and dots in the base name become "_", and a[b] / x[] build
// nested arrays.
func PHPParseQuery(body string) *PHPArray {
	root := NewPHPArray()
	for _, part := range strings.Split(body, "&") {
		if part == "" {
			continue
		}
		rawName, rawVal, _ := strings.Cut(part, "=")
		registerPHPVar(root, PHPURLDecode(rawName), PHPURLDecode(rawVal))
	}
	return root
}

// registerPHPVar follows php_register_variable_ex.
func registerPHPVar(root *PHPArray, name, val string) {
	name = strings.TrimLeft(name, " ")
	// PHP cuts the name at a NUL byte (it works on C strings).
	if i := strings.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		return
	}
	base := name
	rest := ""
	if i := strings.IndexByte(name, '['); i >= 0 {
		base, rest = name[:i], name[i:]
	}
	base = strings.NewReplacer(" ", "_", ".", "_").Replace(base)
	if base == "" {
		return
	}
	// Collect the bracketed indexes; an unterminated "[" turns into "_" and
	// ends the name, text after a "]" that is not "[" is ignored.
	var idx []string
	for rest != "" {
		if rest[0] != '[' {
			break
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			if len(idx) == 0 {
				base += "_" + rest[1:]
			}
			break
		}
		idx = append(idx, rest[1:end])
		rest = rest[end+1:]
	}
	if len(idx) >= phpMaxDepth {
		return
	}
	if len(idx) == 0 {
		root.Set(base, PHPValue{Str: val})
		return
	}
	cur := root
	keys := append([]string{base}, idx...)
	for i, k := range keys {
		last := i == len(keys)-1
		if last {
			if k == "" {
				cur.Append(PHPValue{Str: val})
			} else {
				cur.Set(k, PHPValue{Str: val})
			}
			return
		}
		var child *PHPArray
		if k == "" {
			child = NewPHPArray()
			cur.Append(PHPValue{Array: child})
		} else if v, ok := cur.Get(k); ok && v.IsArray() {
			child = v.Array
		} else {
			child = NewPHPArray()
			cur.Set(k, PHPValue{Array: child})
		}
		cur = child
	}
}

// PHPBuildQuery renders a parsed form like http_build_query with default
// arguments: "&" between pairs, nested keys as name%5Bkey%5D, PHP urlencode
// for names and values, empty arrays left out.
func PHPBuildQuery(a *PHPArray) string {
	var parts []string
	buildPHP(a, "", &parts)
	return strings.Join(parts, "&")
}

func buildPHP(a *PHPArray, prefix string, parts *[]string) {
	for _, k := range a.keys {
		v := a.vals[k]
		name := PHPURLEncode(k)
		if prefix != "" {
			name = prefix + "%5B" + name + "%5D"
		}
		if v.IsArray() {
			buildPHP(v.Array, name, parts)
			continue
		}
		*parts = append(*parts, name+"="+PHPURLEncode(v.Str))
	}
}

// PHPBuildPairs renders ordered name/value pairs like http_build_query of a
// flat PHP array (a later duplicate name replaces the earlier value in place).
func PHPBuildPairs(pairs [][2]string) string {
	a := NewPHPArray()
	for _, p := range pairs {
		a.Set(p[0], PHPValue{Str: p[1]})
	}
	return PHPBuildQuery(a)
}

// PHPCanonicalForm is what a PHP server gets from http_build_query($_POST)
// for this body.
func PHPCanonicalForm(body string) string { return PHPBuildQuery(PHPParseQuery(body)) }
