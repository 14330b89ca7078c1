package hostdime

import (
	"net/http"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/mocksign"
)

// Descriptor registers the HostDime emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:  "hostdime",
		Hosts: []string{"api.hostdime.com"},
		// The key pair of the docs' worked example.
		Credentials:        []handlers.Credential{{Label: "public key", Value: mocksign.Hostdime.Public}, {Label: "private key", Value: mocksign.Hostdime.Private}},
		Sign:               signcli.Hostdime(),
		FailureContentType: failureContentType,
		New:                handlers.Builds(New),
	}, config.Defaulted[Config], store.HostdimeSeeder())
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
