package nodeco

import (
	"net/http"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/mocksign"
)

// Descriptor registers the NODE emulator: two sites, one per flavour, over
// one set of tables, one fixtures file and one config section.
func Descriptor() handlers.Descriptor {
	// The docs' sample account; the fixtures give it to both flavours.
	creds := []handlers.Credential{{Label: "user id", Value: mocksign.Node.UserID}, {Label: "api key", Value: mocksign.Node.APIKey}}
	site := func(f Flavour, host string) handlers.Site {
		return handlers.Site{
			Name:               string(f),
			Hosts:              []string{host},
			Credentials:        creds,
			Sign:               signcli.Node(string(f)),
			FailureContentType: failureContentType,
			New:                func(d handlers.Deps) handlers.Provider { return New(d, f) },
		}
	}
	return handlers.Descriptor{
		Name:   "nodeco",
		Sites:  []handlers.Site{site(NodeCo, "node.co.id"), site(VirtDedi, "virtdedi.com")},
		Config: config.Defaulted[Config],
		Seeder: store.NodecoSeeder(),
	}
}

// failureContentType follows the format= the request asks for, as writeEnvelope does.
func failureContentType(r *http.Request) string {
	if formatOf(r) == formatXML {
		return "text/xml; charset=utf-8"
	}
	return "application/json; charset=utf-8"
}
