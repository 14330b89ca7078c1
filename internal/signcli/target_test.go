package signcli

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --url is the mock's base URL for every provider: the prefix is added, so the
// same value works for all six; a real origin gets none.
func TestURLIsTheMockBaseForEveryProvider(t *testing.T) {
	cases := []struct {
		provider string
		args     []string
		want     string
	}{
		{"nodeco", []string{"get_arch_list", "--random", "r"}, "http://10.1.2.3:9000/nodeco/api-sandbox/v1/get_arch_list"},
		{"virtdedi", []string{"get_arch_list", "--random", "r"}, "http://10.1.2.3:9000/virtdedi/api-sandbox/v1/get_arch_list"},
		{"hostdime", []string{"--unique", "U"}, "http://10.1.2.3:9000/hostdime/v1/server/list.json"},
		{"gempay", []string{"--endpoint", "products"}, "http://10.1.2.3:9000/gempay/api/products"},
		{"geniusplugin", nil, "http://10.1.2.3:9000/geniusplugin/api/v1/connection/"},
		{"zipay", nil, "http://10.1.2.3:9000/zipay/api/random"},
	}
	for _, c := range cases {
		for _, base := range []string{"http://10.1.2.3:9000", "http://10.1.2.3:9000/", "http://10.1.2.3:9000/" + c.provider} {
			var out bytes.Buffer
			require.NoError(t, Run(c.provider, append([]string{"--url", base}, c.args...), &out, 1714557600), c.provider)
			assert.Contains(t, out.String(), c.want, "%s --url %s", c.provider, base)
			assert.NotContains(t, out.String(), "/"+c.provider+"/"+c.provider, c.provider)
		}
		// The default comes from the caller (MOCK_ADDR in mockserver).
		var out bytes.Buffer
		require.NoError(t, RunAt("http://10.1.2.3:9000", c.provider, c.args, &out, 1714557600))
		assert.Contains(t, out.String(), c.want, c.provider)
		// The real origin: no prefix.
		out.Reset()
		real := "https://" + realHosts[c.provider]
		require.NoError(t, Run(c.provider, append([]string{"--url", real}, c.args...), &out, 1714557600))
		assert.Contains(t, out.String(), real+c.want[len("http://10.1.2.3:9000/"+c.provider):], c.provider)
	}
	var out bytes.Buffer
	assert.EqualError(t, Run("zipay", []string{"--url", "127.0.0.1:8080"}, &out, 0),
		`sign zipay: --url "127.0.0.1:8080" is not an absolute http(s) URL such as http://127.0.0.1:8080`)
}

var names = []string{"gempay", "geniusplugin", "hostdime", "nodeco", "virtdedi", "zipay"}

var realHosts = map[string]string{"nodeco": "node.co.id", "virtdedi": "virtdedi.com", "hostdime": "api.hostdime.com",
	"gempay": "gempaytopup.com", "geniusplugin": "www.geniusplugin.com", "zipay": "api.zipay.io"}

func TestSignHelp(t *testing.T) {
	for _, p := range names {
		for _, flagWord := range []string{"--help", "-h"} {
			var out bytes.Buffer
			err := Run(p, []string{flagWord}, &out, 0)
			require.Error(t, err, p)
			assert.True(t, IsHelp(err), p)
			s := out.String()
			assert.Contains(t, s, "usage: mockserver sign "+p+" ", p)
			assert.Contains(t, s, "\n  --url VALUE ", p)
			assert.Contains(t, s, "\nexample:\n  mockserver sign "+p+" ", p)
			assert.Contains(t, s, "MOCK_ADDR", p)
		}
	}
	var out bytes.Buffer
	require.True(t, IsHelp(Run("zipay", []string{"--help"}, &out, 0)))
	assert.Contains(t, out.String(), "\n  --method VALUE       API method (random, create-invoice, balance, …) (default random)\n")
	assert.Contains(t, out.String(), "\n  --secret VALUE       secret key (default: the fixture secret of --key)\n")

	out.Reset()
	var cmds []Command
	for _, p := range names {
		cmds = append(cmds, Command{p, testSites()[p].sign})
	}
	Help(&out, cmds)
	for _, c := range cmds {
		assert.Contains(t, out.String(), "\n  "+c.Example+"\n", c.Name)
		assert.Contains(t, out.String(), fmt.Sprintf("\n  %-13s %s\n", c.Name, c.Summary), c.Name)
	}
	assert.Contains(t, out.String(), "\n  virtdedi      Signs a call of the NODE API under its second brand, as for nodeco.\n")
	assert.Contains(t, out.String(), "\n  mockserver sign virtdedi get_server_list page=1\n")
	assert.Contains(t, out.String(), "usage: mockserver sign PROVIDER [flags] [name=value ...]\n")
}
