package signcli

import (
	"fmt"
	"io"

	"github.com/mocksuite/mocksuite/fixtures"
)

// Run signs as "mockserver sign provider" does. The real dispatch is the
// provider registry's (internal/providers, tested there), which imports this
// package; the tests here reach the signers through this stand-in.
func Run(provider string, args []string, out io.Writer, now int64) error {
	return RunAt("", provider, args, out, now)
}

// RunAt is Run with base as the mock's base URL (MOCK_ADDR in mockserver).
func RunAt(base, provider string, args []string, out io.Writer, now int64) error {
	s, ok := testSites()[provider]
	if !ok {
		return fmt.Errorf("sign: unknown provider %q", provider)
	}
	return Exec(s.sign, Env{Out: out, Fixtures: fixtures.FS, Now: now, Name: provider, Host: s.host, Base: base}, args)
}

// testSites is the registry's view of the signers, for these tests.
func testSites() map[string]struct {
	host string
	sign Signer
} {
	return map[string]struct {
		host string
		sign Signer
	}{
		"nodeco":       {"node.co.id", Node("nodeco")},
		"virtdedi":     {"virtdedi.com", Node("virtdedi")},
		"hostdime":     {"api.hostdime.com", Hostdime()},
		"gempay":       {"gempaytopup.com", Gempay()},
		"geniusplugin": {"www.geniusplugin.com", Geniusplugin()},
		"zipay":        {"api.zipay.io", Zipay()},
	}
}
