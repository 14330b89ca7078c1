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
	sites := map[string]struct {
		host string
		sign Signer
	}{
		"nodeco":       {"node.co.id", Nodeco},
		"virtdedi":     {"virtdedi.com", Nodeco},
		"hostdime":     {"api.hostdime.com", Hostdime},
		"gempay":       {"gempaytopup.com", Gempay},
		"geniusplugin": {"www.geniusplugin.com", Geniusplugin},
		"zipay":        {"api.zipay.io", Zipay},
	}
	s, ok := sites[provider]
	if !ok {
		return fmt.Errorf("sign: unknown provider %q", provider)
	}
	return Exec(s.sign, Env{Out: out, Fixtures: fixtures.FS, Now: now, Name: provider, Host: s.host, Base: base}, args)
}
