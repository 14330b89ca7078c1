package jsonv

import (
	"encoding/json"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoundTripKeepsOrderAndNumbers(t *testing.T) {
	in := `{"z":1,"a":[1.50,-2e3,true,false,null,{}],"m":{"y":"s","b":[]},"z":2}`
	v, err := Decode([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, in, string(Encode(v, StylePlain)))
	z, ok := v.(Object).Get("z")
	assert.True(t, ok)
	assert.Equal(t, json.Number("2"), z, "the last of a repeated key")
}

func TestDecodeErrors(t *testing.T) {
	for in, want := range map[string]string{
		``:        "jsonv: unexpected end of JSON",
		`{"a":`:   "jsonv: unexpected end of JSON",
		`[1,2`:    "jsonv: unexpected end of JSON",
		`{} {}`:   "jsonv: data after the JSON value",
		`{"a" 1}`: "jsonv: invalid character '1' after object key",
	} {
		_, err := Decode([]byte(in))
		assert.EqualError(t, err, want, in)
	}
}

func TestStyles(t *testing.T) {
	v := Object{{"k/é", "<a & b/> é 😀 \u2028 \x01"}}
	assert.Equal(t, `{"k\/\u00e9":"<a & b\/> \u00e9 \ud83d\ude00 \u2028 \u0001"}`, string(Encode(v, StylePHP)))
	assert.Equal(t, `{"k/é":"\u003ca \u0026 b/\u003e é 😀 \u2028 \u0001"}`, string(Encode(v, StyleGo)))
	assert.Equal(t, `{"k/é":"<a & b/> é 😀 \u2028 \u0001"}`, string(Encode(v, StylePlain)))
	// StyleGo is encoding/json's own.
	std, err := json.Marshal(map[string]string{"k/é": "<a & b/> é 😀 \u2028 \x01"})
	require.NoError(t, err)
	assert.Equal(t, string(std), string(Encode(v, StyleGo)))
}

func TestText(t *testing.T) {
	assert.Equal(t, "", Text(nil))
	assert.Equal(t, "s", Text("s"))
	assert.Equal(t, "1.50", Text(json.Number("1.50")))
	assert.Equal(t, "true", Text(true))
	assert.Equal(t, `{"a":[1]}`, Text(Object{{"a", []any{json.Number("1")}}}))
}

// pairs is an ordered object of another package's shape.
type pairs [][2]any

func (p pairs) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		for _, kv := range p {
			if !yield(kv[0].(string), kv[1]) {
				return
			}
		}
	}
}

// A provider's own ordered answer encodes with its integers as written.
func TestEncodeOrderedAndIntegers(t *testing.T) {
	v := pairs{{"b", 1}, {"a", int64(-20)}, {"o", Object{{"x", []any{pairs{}, nil}}}}}
	assert.Equal(t, `{"b":1,"a":-20,"o":{"x":[{},null]}}`, string(Encode(v, StylePHP)))
}
