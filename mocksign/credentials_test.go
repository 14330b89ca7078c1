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

func load(t *testing.T, name string, v any) {
	t.Helper()
	raw, err := fs.ReadFile(fixtures.FS, name+".yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(raw, v))
}

// The exported credentials are the fixtures' own, every account of them.
func TestCredentialsAreTheFixtures(t *testing.T) {
	var node struct {
		Flavours map[string]struct {
			Accounts []struct {
				UserID string `yaml:"user_id"`
				APIKey string `yaml:"api_key"`
			} `yaml:"accounts"`
		} `yaml:"flavours"`
	}
	load(t, "nodeco", &node)
	for _, flavour := range []string{"nodeco", "virtdedi"} {
		var got []NodeAccount
		for _, a := range node.Flavours[flavour].Accounts {
			got = append(got, NodeAccount{a.UserID, a.APIKey})
		}
		assert.Equal(t, []NodeAccount{Node, NodeSecond}, got, flavour)
	}

	var hd struct {
		Accounts []struct {
			APIKey     string `yaml:"api_key"`
			PrivateKey string `yaml:"private_key"`
		} `yaml:"accounts"`
	}
	load(t, "hostdime", &hd)
	var hdGot []HostdimeKeys
	for _, a := range hd.Accounts {
		hdGot = append(hdGot, HostdimeKeys{a.APIKey, a.PrivateKey})
	}
	assert.Equal(t, []HostdimeKeys{Hostdime, HostdimeSecond}, hdGot)

	var gp struct {
		Users []struct {
			APIKey string   `yaml:"api_key"`
			Role   string   `yaml:"role"`
			IPs    []string `yaml:"ips"`
		} `yaml:"users"`
	}
	load(t, "gempay", &gp)
	var gpGot []GempayUser
	for _, u := range gp.Users {
		gpGot = append(gpGot, GempayUser{u.APIKey, u.Role, slices.Contains(u.IPs, "127.0.0.0/8")})
	}
	assert.Equal(t, []GempayUser{Gempay, GempayPendingIP, GempayOtherIP, GempayPoor}, gpGot)

	var gen struct {
		Resellers []struct {
			APIKey string   `yaml:"api_key"`
			IPs    []string `yaml:"authorised_ips"`
		} `yaml:"resellers"`
	}
	load(t, "geniusplugin", &gen)
	var genGot []GeniuspluginReseller
	for _, r := range gen.Resellers {
		genGot = append(genGot, GeniuspluginReseller{r.APIKey, slices.Contains(r.IPs, "127.0.0.0/8")})
	}
	assert.Equal(t, []GeniuspluginReseller{Geniusplugin, GeniuspluginElsewhere}, genGot)

	var zp struct {
		Keys []struct {
			APIKey  string `yaml:"api_key"`
			Secret  string `yaml:"secret"`
			Account int64  `yaml:"account"`
		} `yaml:"keys"`
	}
	load(t, "zipay", &zp)
	var zpGot []ZipayKey
	for _, k := range zp.Keys {
		zpGot = append(zpGot, ZipayKey{k.APIKey, k.Secret, k.Account})
	}
	assert.Equal(t, []ZipayKey{Zipay, ZipaySecond, ZipayLimited, ZipayRemote}, zpGot)
}
