package geniusplugin

import (
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Descriptor registers the GeniusPlugin emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:               "geniusplugin",
		Hosts:              []string{"www.geniusplugin.com"},
		Credentials:        []handlers.Credential{{Label: "reseller key", Value: "gp-reseller-test-key-0001"}},
		Sign:               signcli.Geniusplugin(),
		FailureContentType: handlers.ContentType("application/json"),
		New:                handlers.Builds(New),
	}, func(c *config.Config) config.Section { return &c.Geniusplugin }, store.GeniuspluginSeeder())
}
