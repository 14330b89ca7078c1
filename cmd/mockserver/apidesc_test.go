package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenAPICommand(t *testing.T) {
	code, out, errs := runCmd(t, nil, "openapi", "hostdime", "--url", "http://mock.example:9000/")
	require.Equal(t, 0, code, errs)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Signature map[string]any `json:"x-mocksuite-signature"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "3.0.3", doc.OpenAPI)
	require.Len(t, doc.Servers, 2)
	assert.Equal(t, "http://mock.example:9000/hostdime", doc.Servers[0].URL)
	assert.Equal(t, "https://api.hostdime.com", doc.Servers[1].URL)
	assert.Equal(t, "hex-lower", doc.Signature["encoding"])

	code, _, errs = runCmd(t, nil, "openapi", "paypal")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "mockserver: openapi: unknown provider \"paypal\" (one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay)\n", errs)
	code, _, errs = runCmd(t, nil, "openapi")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "usage: mockserver openapi PROVIDER [--url ORIGIN] [--config FILE] [-o FILE]\n", errs)
}

func TestPostmanCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.json")
	code, out, errs := runCmd(t, nil, "postman", "-o", file)
	require.Equal(t, 0, code, errs)
	assert.Empty(t, out)
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	var coll struct {
		Info struct {
			Schema string `json:"schema"`
		} `json:"info"`
		Item []struct {
			Name string `json:"name"`
			Item []struct {
				Request struct {
					URL struct {
						Raw  string   `json:"raw"`
						Path []string `json:"path"`
					} `json:"url"`
				} `json:"request"`
			} `json:"item"`
		} `json:"item"`
	}
	require.NoError(t, json.Unmarshal(raw, &coll))
	// newman builds a request's URL from its path segments: a raw URL ending in
	// "/" must keep that slash as an empty last segment (GeniusPlugin answers a
	// slash-less path with 301).
	for _, f := range coll.Item {
		for _, it := range f.Item {
			u := it.Request.URL
			if strings.HasSuffix(strings.SplitN(u.Raw, "?", 2)[0], "/") {
				require.NotEmpty(t, u.Path, u.Raw)
				assert.Equal(t, "", u.Path[len(u.Path)-1], u.Raw)
			}
		}
	}
	assert.Equal(t, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json", coll.Info.Schema)
	var names []string
	for _, f := range coll.Item {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"nodeco", "virtdedi", "hostdime", "gempay", "geniusplugin", "zipay"}, names)
}
