package hostdime

import (
	"net/http"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Descriptor registers the HostDime emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:  "hostdime",
		Hosts: []string{"api.hostdime.com"},
		// The key pair of the docs' worked example.
		Credentials:        []handlers.Credential{{Label: "public key", Value: "foobar"}, {Label: "private key", Value: "fazbaz"}},
		Sign:               signcli.Hostdime(),
		FailureContentType: failureContentType,
		New:                handlers.Builds(New),
	}, func(c *config.Config) config.Section { return &c.Hostdime }, store.HostdimeSeeder())
}

// failureContentType follows the path's extension, as writeEnvelope does for
// WriteFailure (which never wraps a failure in a JSONP callback).
func failureContentType(r *http.Request) string {
	switch parsePath(r.URL.Path).outFormat() {
	case fmtXML:
		return "application/xml"
	case fmtYAML:
		return "text/yaml"
	default:
		return "application/json"
	}
}
