package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMask(t *testing.T) {
	assert.Equal(t, "hasd...bNBS", Mask("hasdh6ghvhgFDa454565jasdbNBS"))
	assert.Equal(t, "******", Mask("fazbaz"))
	assert.Equal(t, "", Mask(""))
}

func TestCompareExplains(t *testing.T) {
	r := compare("a:b", "abcd", "ABCD", "")
	assert.True(t, r.OK, "hex compares case-insensitively")
	r = compare("a:b", "abcd", "abce", "")
	assert.False(t, r.OK)
	assert.Equal(t, `signature mismatch: signatures differ from character 4 on: the canonical string or the secret differs from the client's; canonical="a:b"; expected=abcd; got="abce"`, r.Explain())
	r = compare("x", "abcd", "", "")
	assert.Equal(t, "no signature was sent", r.Detail)
	r = compare("x", "abcd", "abc", "")
	assert.Equal(t, "signature has 3 characters, expected 4", r.Detail)
}
