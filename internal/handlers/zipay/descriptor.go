package zipay

import (
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Descriptor registers the Zipay emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:  "zipay",
		Hosts: []string{"api.zipay.io"},
		// The docs' sample key of account 10025.
		Credentials: []handlers.Credential{
			{Label: "api key", Value: "4f3c12fa0a1d1ac8b026298b980f16b2"},
			{Label: "secret", Value: "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"},
		},
		Sign:               signcli.Zipay(),
		FailureContentType: handlers.ContentType("application/json"),
		New:                handlers.Builds(New),
	}, func(c *config.Config) config.Section { return &c.Zipay }, store.ZipaySeeder())
}
