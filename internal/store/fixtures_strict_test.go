package store

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
)

// TestFixturesDecodeStrictly checks every provider's loader: a key its
// fixture type does not know fails the open with an error that names the
// file and the key, at the top level and inside a list item alike.
func TestFixturesDecodeStrictly(t *testing.T) {
	ctx := context.Background()
	nested := map[string]string{
		"nodeco":       "flavours:\n  nodeco:\n    accounts:\n      - user_id: '1'\n        api_key: k\n        colour: blue\n",
		"hostdime":     "accounts:\n  - public_key: p\n    colour: blue\n",
		"gempay":       "roles: [a]\nusers:\n  - api_key: k\n    role: a\n    colour: blue\n",
		"geniusplugin": "resellers:\n  - api_key: k\n    colour: blue\n",
		"zipay":        "keys:\n  - api_key: k\n    colour: blue\n",
	}
	for _, sd := range allSeeders() {
		name := sd.Provider() + ".yaml"
		raw, err := fs.ReadFile(fixtures.FS, name)
		require.NoError(t, err)
		_, err = Open(ctx, Memory, fstest.MapFS{name: {Data: append(raw, "\nsurprise: 1\n"...)}}, allSeeders())
		assert.ErrorContains(t, err, "store: seed "+sd.Provider()+": "+name+": decode: ", name)
		assert.ErrorContains(t, err, "field surprise not found", name)

		_, err = Open(ctx, Memory, fstest.MapFS{name: {Data: []byte(nested[sd.Provider()])}}, allSeeders())
		assert.ErrorContains(t, err, name+": decode: ", name)
		assert.ErrorContains(t, err, "field colour not found", name)
	}
}
