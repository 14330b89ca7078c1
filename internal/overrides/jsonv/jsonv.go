// Package jsonv decodes JSON into values that keep the order of object keys,
// and encodes them back in the styles the emulated providers write: an
// override's body must come out with its fields in the order the user gave.
//
// A value is nil, bool, string, json.Number, Object or []any.
package jsonv

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/verify"
)

// Member is one key of an Object.
type Member struct {
	Key   string
	Value any
}

// Object is a JSON object with its keys in document order.
type Object []Member

// Get returns the value of key (the last one when repeated).
func (o Object) Get(key string) (any, bool) {
	for i := len(o) - 1; i >= 0; i-- {
		if o[i].Key == key {
			return o[i].Value, true
		}
	}
	return nil, false
}

// Decode parses exactly one JSON value.
func Decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("jsonv: data after the JSON value")
	}
	return v, nil
}

// token reads the next token, naming a cut-short document as such.
func token(dec *json.Decoder) (json.Token, error) {
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, errors.New("jsonv: unexpected end of JSON")
	}
	if err != nil {
		return nil, fmt.Errorf("jsonv: %w", err)
	}
	return tok, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := token(dec)
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := Object{}
			for dec.More() {
				kt, err := token(dec)
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				obj = append(obj, Member{key, v})
			}
			if _, err := token(dec); err != nil {
				return nil, err
			}
			return obj, nil
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			if _, err := token(dec); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("jsonv: unexpected %v", t)
	default:
		// nil, bool, string, json.Number
		return t, nil
	}
}

// Style is how strings are escaped.
type Style int

const (
	// StylePHP is PHP's json_encode: "/" as `\/`, non-ASCII as \uXXXX.
	StylePHP Style = iota
	// StyleGo is Go's encoding/json default: UTF-8 kept, <, > and & as \u003c, \u003e, \u0026.
	StyleGo
	// StylePlain is Go's encoding/json without HTML escaping.
	StylePlain
)

// Ordered is an object of another package's type (a provider's own ordered
// answer) that Encode writes as a JSON object, members in the order All
// yields them. Object is one.
type Ordered interface {
	All() iter.Seq2[string, any]
}

// All yields the members in document order.
func (o Object) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		for _, m := range o {
			if !yield(m.Key, m.Value) {
				return
			}
		}
	}
}

// Encode writes v compactly in style. Besides Decode's value types it takes
// int, int64 and any Ordered, which a provider's own answers hold.
func Encode(v any, style Style) []byte {
	var b bytes.Buffer
	write(&b, v, style)
	return b.Bytes()
}

func write(b *bytes.Buffer, v any, style Style) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case json.Number:
		b.WriteString(string(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case string:
		writeString(b, x, style)
	case Ordered:
		b.WriteByte('{')
		first := true
		for k, e := range x.All() {
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeString(b, k, style)
			b.WriteByte(':')
			write(b, e, style)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			write(b, e, style)
		}
		b.WriteByte(']')
	default:
		// Only the types above reach here; anything else is a bug of ours.
		panic(fmt.Sprintf("jsonv: cannot encode %T", v))
	}
}

func writeString(b *bytes.Buffer, s string, style Style) {
	if style == StylePHP {
		b.WriteString(verify.JSONString(verify.StylePHP, s))
		return
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(style == StyleGo)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // the encoder's newline
}

// Text is the plain text of a scalar (a string as is, a number as written,
// true/false, "" for null) and the compact JSON of an object or array: how a
// JSON body field compares to a form parameter.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return string(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	default:
		return string(Encode(v, StylePlain))
	}
}
