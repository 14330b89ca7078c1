package signcli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShellQuoteAndCurl(t *testing.T) {
	assert.Equal(t, "abc", ShellQuote("abc"))
	assert.Equal(t, "'a b'", ShellQuote("a b"))
	assert.Equal(t, `'it'\''s'`, ShellQuote("it's"))
	assert.Equal(t, "''", ShellQuote(""))
	assert.Equal(t, `curl -sS -X POST -H 'api_key: k' --data-raw 'a=1&b=2' http://127.0.0.1:8080/zipay/api/random`,
		Curl("POST", "http://127.0.0.1:8080/zipay/api/random", [][2]string{{"api_key", "k"}}, "a=1&b=2"))
}

func TestParseFlagsAndPairs(t *testing.T) {
	fs := newFlags("x")
	key := fs.String("key", "", "")
	dbg := fs.Bool("v", false, "")
	pairs, err := parse(fs, []string{"a=1", "--key", "K", "-v", "b=x=y"})
	require.NoError(t, err)
	assert.Equal(t, "K", *key)
	assert.True(t, *dbg)
	assert.Equal(t, [][2]string{{"a", "1"}, {"b", "x=y"}}, pairs)
	_, err = parse(newFlags("y"), []string{"novalue"})
	assert.Error(t, err)
}

func TestUnknownProvider(t *testing.T) {
	var out bytes.Buffer
	assert.ErrorContains(t, Run("paypal", nil, &out, 0), "unknown provider")
}
