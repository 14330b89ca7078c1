package gempay

import (
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/signcli"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/mocksign"
)

// Descriptor registers the Gempay emulator.
func Descriptor() handlers.Descriptor {
	return handlers.Single(handlers.Site{
		Name:               "gempay",
		Hosts:              []string{"gempaytopup.com"},
		Credentials:        []handlers.Credential{{Label: "api key", Value: mocksign.Gempay.APIKey}},
		Sign:               signcli.Gempay(),
		FailureContentType: handlers.ContentType("application/json"),
		New:                handlers.Builds(New),
	}, config.Defaulted[Config], store.GempaySeeder())
}
