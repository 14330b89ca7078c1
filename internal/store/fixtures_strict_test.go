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
		err = openFixture(name, string(raw)+"\nsurprise: 1\n")
		assert.ErrorContains(t, err, "store: seed "+sd.Provider()+": "+name+": decode: ", name)
		assert.ErrorContains(t, err, "field surprise not found", name)

		err = openFixture(name, nested[sd.Provider()])
		assert.ErrorContains(t, err, name+": decode: ", name)
		assert.ErrorContains(t, err, "field colour not found", name)
	}
}

// openFixture opens an in-memory store whose only fixture file is name,
// holding text, and returns Open's error (closing the store if it opened).
func openFixture(name, text string) error {
	s, err := Open(context.Background(), Memory, fstest.MapFS{name: {Data: []byte(text)}}, allSeeders())
	if err == nil {
		_ = s.Close()
	}
	return err
}

// TestFixtureErrorsSayWhatIsWrong: a fixture its loader refuses fails the
// open with an error that names the file and the fault.
func TestFixtureErrorsSayWhatIsWrong(t *testing.T) {
	const gpPackage = "resellers:\n  - api_key: k\n    credit: \"1\"\n    packages:\n" +
		"      - {domain: a.b, package: 10k, status: gone, token: t, created_at: 2024-01-01T00:00:00Z, expires_at: 2024-01-01T00:00:00Z}\n"
	for _, c := range []struct{ file, yaml, want string }{
		{"gempay.yaml", "roles: []\n", "at least one role"},
		{"gempay.yaml", "roles: [a]\nproducts: [{kode: '1', produk: x, status: Aktif, harga: {}}]\n", `no price for role "a"`},
		{"gempay.yaml", "roles: [a]\nproducts: [{kode: '1', produk: x, status: Maybe, harga: {a: 1}}]\n", "must be Aktif or NonAktif"},
		{"gempay.yaml", "roles: [a]\nproducts: [{kode: '1', produk: x, status: Aktif, harga: {a: 1, b: 2}}]\n", `unknown role "b"`},
		{"gempay.yaml", "roles: [a]\nusers: [{api_key: k, role: z}]\n", `role "z" is not one of roles`},
		{"gempay.yaml", "roles: [a]\nusers: [{api_key: k, role: a, balance: -1}]\n", "negative"},
		{"gempay.yaml", "roles: [a]\nusers: [{api_key: k, role: a, ips: [not-an-ip]}]\n", "is not an IP or CIDR"},
		{"gempay.yaml", "roles: [a]\nsurprise: 1\n", "field surprise not found"},

		{"geniusplugin.yaml", "resellers:\n  - api_key: k\n    credit: \"1.234\"\n", `geniusplugin.yaml: resellers[0]: credit: "1.234" is not a non-negative decimal with at most two places`},
		{"geniusplugin.yaml", "resellers:\n  - api_key: k\n    credit: \"1\"\n    authorised_ips: [nope]\n", `geniusplugin.yaml: resellers[0]: authorised_ips: "nope" is not an IP or CIDR`},
		{"geniusplugin.yaml", "resellers:\n  - api_key: \" \"\n    credit: \"1\"\n", "geniusplugin.yaml: resellers[0]: api_key is empty"},
		{"geniusplugin.yaml", gpPackage, `geniusplugin.yaml: resellers[0].packages[0]: status "gone" is not active or suspended`},

		{"nodeco.yaml", "flavours:\n  nodeco:\n    servers:\n      - {server_id: '1', user_id: '1', package: compute1, activated_time: yesterday}\n",
			"nodeco.yaml: nodeco: server: bad value yesterday for activated_time"},
		{"nodeco.yaml", "flavours:\n  nodeco:\n    servers:\n      - {server_id: '1', user_id: '1'}\n",
			`nodeco.yaml: nodeco: server "1": server_id, user_id and package are required`},
		{"nodeco.yaml", "flavours:\n  nodeco:\n    accounts:\n      - {user_id: '1'}\n",
			`nodeco.yaml: nodeco: account "1": user_id and api_key are required`},
		{"nodeco.yaml", "flavours:\n  nodeco:\n    snapshots:\n      - {snapshot_id: a, server_id: '1'}\n",
			`nodeco.yaml: nodeco: snapshot "a": snapshot_id, server_id and url_key are required`},
	} {
		assert.ErrorContains(t, openFixture(c.file, c.yaml), c.want, "%s: %s", c.file, c.yaml)
	}
}
