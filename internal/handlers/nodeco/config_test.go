package nodeco

import (
	"strings"
	"testing"

	"github.com/mocksuite/mocksuite/internal/config"
)

// defaultConfig is the server's default config with this package's section
// attached (the registry attaches every provider's).
func defaultConfig() config.Config {
	c := config.Default()
	Descriptor().Attach(&c)
	return c
}

func TestNodecoValidate(t *testing.T) {
	c := defaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for _, yml := range []string{"nodeco:\n  error_code: OK\n", "nodeco:\n  error_code: \"\"\n", "nodeco:\n  snapshot_url_ttl: 0s\n"} {
		c := defaultConfig()
		if err := c.LoadYAML([]byte(yml)); err != nil {
			t.Fatalf("%q: %v", yml, err)
		}
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), "nodeco.") {
			t.Fatalf("%q: err = %v, want a nodeco.* error", yml, err)
		}
	}
}
