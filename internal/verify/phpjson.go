package verify

import (
	"strings"
	"unicode/utf8"
)

// JSONStyle selects how a JSON encoder writes "/" and non-ASCII text. The two
// styles agree on everything else: no whitespace, `\"`, `\\`, the short
// escapes \b \f \n \r \t, other C0 controls as lowercase \u00XX, and
// <, >, &, ' and DEL left as they are.
type JSONStyle int

const (
	// StylePHP is PHP's json_encode with default flags: "/" written as `\/`
	// and every non-ASCII character as lowercase \uXXXX (UTF-16 surrogate
	// pairs above U+FFFF), so the output is pure ASCII.
	StylePHP JSONStyle = iota
	// StylePlain is JavaScript's JSON.stringify and Ruby's to_json: "/" bare
	// and non-ASCII characters as raw UTF-8.
	StylePlain
)

// String names the style for explanations.
func (s JSONStyle) String() string {
	if s == StylePHP {
		return "PHP json_encode"
	}
	return "plain UTF-8 (JS/Ruby)"
}

const hexDigits = "0123456789abcdef"

// JSONString encodes s as a JSON string literal, quotes included. Bytes that
// are not valid UTF-8 are written as U+FFFD, the character a browser or a
// lenient decoder would substitute.
func JSONString(style JSONStyle, s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	writeJSONString(&b, style, s)
	return b.String()
}

// WriteJSONString is JSONString written straight into b, for encoders that
// build a whole document: no string per value.
func WriteJSONString(b *strings.Builder, style JSONStyle, s string) { writeJSONString(b, style, s) }

func writeJSONString(b *strings.Builder, style JSONStyle, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '/':
				if style == StylePHP {
					b.WriteString(`\/`)
				} else {
					b.WriteByte('/')
				}
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				if c < 0x20 {
					writeU(b, rune(c))
				} else {
					b.WriteByte(c)
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if style == StylePlain {
			// An invalid byte decodes as RuneError and is written as U+FFFD.
			b.WriteRune(r)
			continue
		}
		if r > 0xFFFF {
			r -= 0x10000
			writeU(b, 0xD800+(r>>10))
			writeU(b, 0xDC00+(r&0x3FF))
			continue
		}
		writeU(b, r)
	}
	b.WriteByte('"')
}

// writeU writes \uXXXX with lowercase hex, as PHP does.
func writeU(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	b.WriteByte(hexDigits[(r>>12)&0xF])
	b.WriteByte(hexDigits[(r>>8)&0xF])
	b.WriteByte(hexDigits[(r>>4)&0xF])
	b.WriteByte(hexDigits[r&0xF])
}

// JSONObject encodes ordered string pairs as a JSON object with no
// whitespace, keys in the given order: what PHP's json_encode of an
// associative array (with JSON_FORCE_OBJECT, so no pairs give "{}"),
// JSON.stringify of a plain object and Ruby's Hash#to_json produce for string
// values. A repeated key is written as many times as it appears; callers
// dedupe first when they model a parsed form.
func JSONObject(style JSONStyle, pairs [][2]string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, style, p[0])
		b.WriteByte(':')
		writeJSONString(&b, style, p[1])
	}
	b.WriteByte('}')
	return b.String()
}
