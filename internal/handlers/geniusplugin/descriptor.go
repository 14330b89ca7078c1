package geniusplugin

import (
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/mocksign"
)

// Descriptor registers the GeniusPlugin emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:               "geniusplugin",
		Hosts:              []string{"www.geniusplugin.com"},
		Credentials:        []handlers.Credential{{Label: "reseller key", Value: mocksign.Geniusplugin.APIKey}},
		Sign:               signcli.Geniusplugin(),
		FailureContentType: handlers.ContentType("application/json"),
		New:                handlers.Builds(New),
	}, config.Defaulted[Config], store.GeniuspluginSeeder())
}
