package mocksign

import (
	"io/fs"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/fixtures"
)

// fixtureList decodes the list found under keys in fixtures/<name>.yaml
// into rows of R and maps each row with conv.
func fixtureList[R, T any](t *testing.T, name string, conv func(R) T, keys ...string) []T {
	t.Helper()
	raw, err := fs.ReadFile(fixtures.FS, name+".yaml")
	require.NoError(t, err)
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	require.NotEmpty(t, doc.Content, name)
	at := doc.Content[0]
	for _, k := range keys {
		var next *yaml.Node
		for i := 0; i+1 < len(at.Content); i += 2 {
			if at.Content[i].Value == k {
				next = at.Content[i+1]
			}
		}
		require.NotNil(t, next, "%s.yaml has no %v", name, keys)
		at = next
	}
	var rows []R
	require.NoError(t, at.Decode(&rows))
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out
}

// The fixture rows as the credentials read them; a row type with the
// fields of its credential type converts to it.
type (
	nodeRow struct {
		UserID string `yaml:"user_id"`
		APIKey string `yaml:"api_key"`
	}
	hostdimeRow struct {
		Public  string `yaml:"api_key"`
		Private string `yaml:"private_key"`
	}
	gempayRow struct {
		APIKey string   `yaml:"api_key"`
		Role   string   `yaml:"role"`
		IPs    []string `yaml:"ips"`
	}
	geniuspluginRow struct {
		APIKey string   `yaml:"api_key"`
		IPs    []string `yaml:"authorised_ips"`
	}
	zipayRow struct {
		APIKey  string `yaml:"api_key"`
		Secret  string `yaml:"secret"`
		Account int64  `yaml:"account"`
	}
)

// The exported credentials are the fixtures' own, every account of them.
func TestCredentialsAreTheFixtures(t *testing.T) {
	for _, flavour := range []string{"nodeco", "virtdedi"} {
		got := fixtureList(t, "nodeco", func(r nodeRow) NodeAccount { return NodeAccount(r) }, "flavours", flavour, "accounts")
		assert.Equal(t, []NodeAccount{Node, NodeSecond}, got, flavour)
	}
	assert.Equal(t, []HostdimeKeys{Hostdime, HostdimeSecond},
		fixtureList(t, "hostdime", func(r hostdimeRow) HostdimeKeys { return HostdimeKeys(r) }, "accounts"))
	assert.Equal(t, []GempayUser{Gempay, GempayPendingIP, GempayOtherIP, GempayPoor},
		fixtureList(t, "gempay", func(r gempayRow) GempayUser {
			return GempayUser{r.APIKey, r.Role, slices.Contains(r.IPs, "127.0.0.0/8")}
		}, "users"))
	assert.Equal(t, []GeniuspluginReseller{Geniusplugin, GeniuspluginElsewhere},
		fixtureList(t, "geniusplugin", func(r geniuspluginRow) GeniuspluginReseller {
			return GeniuspluginReseller{r.APIKey, slices.Contains(r.IPs, "127.0.0.0/8")}
		}, "resellers"))
	assert.Equal(t, []ZipayKey{Zipay, ZipaySecond, ZipayLimited, ZipayRemote},
		fixtureList(t, "zipay", func(r zipayRow) ZipayKey { return ZipayKey(r) }, "keys"))
}
