package zipay

import (
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/mocksign"
)

// Descriptor registers the Zipay emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:  "zipay",
		Hosts: []string{"api.zipay.io"},
		// The docs' sample key of account 10025.
		Credentials: []handlers.Credential{
			{Label: "api key", Value: mocksign.Zipay.APIKey},
			{Label: "secret", Value: mocksign.Zipay.Secret},
		},
		Sign:               signcli.Zipay(),
		FailureContentType: handlers.ContentType("application/json"),
		New:                handlers.Builds(New),
	}, config.Defaulted[Config], store.ZipaySeeder())
}
