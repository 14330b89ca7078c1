package nodeco

import (
	"strings"
	"testing"

	"github.com/mocksuite/mocksuite/internal/config"
)

func TestNodecoValidate(t *testing.T) {
	c := config.Default()
	Descriptor().Attach(&c) // the registry attaches every provider's section
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for _, yml := range []string{"nodeco:\n  error_code: OK\n", "nodeco:\n  error_code: \"\"\n", "nodeco:\n  snapshot_url_ttl: 0s\n"} {
		c := config.Default()
		Descriptor().Attach(&c)
		if err := c.LoadYAML([]byte(yml)); err != nil {
			t.Fatalf("%q: %v", yml, err)
		}
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), "nodeco.") {
			t.Fatalf("%q: err = %v, want a nodeco.* error", yml, err)
		}
	}
}
