package gempay

import (
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Descriptor registers the Gempay emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:               "gempay",
		Hosts:              []string{"gempaytopup.com"},
		Credentials:        []handlers.Credential{{Label: "api key", Value: "gempay-test-key-0001"}},
		Sign:               signcli.Gempay(),
		FailureContentType: handlers.ContentType("application/json"),
		New:                handlers.Builds(New),
	}, func(c *config.Config) config.Section { return &c.Gempay }, store.GempaySeeder())
}
