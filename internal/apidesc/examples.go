package apidesc

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// The success examples of the documents are real answers: the signed samples
// of every endpoint sent, in order, to a fresh server with the fixtures, seed
// 1 and the clock at ExampleTime. TestExamplesAreCurrent checks that the
// files still hold exactly what the server answers (MOCK_UPDATE_EXAMPLES=1
// rewrites them).
//
//go:embed examples/*.json
var examplesFS embed.FS

// ExampleTime is the mock clock of the recorded examples (Unix seconds).
const ExampleTime = 1767225600 // 2026-01-01T00:00:00Z

// ExampleSeed is the id seed of the recorded examples.
const ExampleSeed = 1

// recordedExamples returns provider's recorded answers by operation id.
func recordedExamples(provider string) (map[string]json.RawMessage, error) {
	raw, err := fs.ReadFile(examplesFS, "examples/"+provider+".json")
	if err != nil {
		return nil, nil // a provider without recorded examples keeps the written ones
	}
	var out map[string]json.RawMessage
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("apidesc: examples/%s.json: %w", provider, err)
	}
	return out, nil
}

// Examples returns provider's recorded success answers by operation id.
func Examples(provider string) (map[string]json.RawMessage, error) { return recordedExamples(provider) }

// withExamples puts the recorded answer of each operation on its success
// answer (the first JSON answer below 400).
func withExamples(a API) (API, error) {
	rec, err := recordedExamples(a.Name)
	if err != nil || rec == nil {
		return a, err
	}
	eps := make([]Endpoint, len(a.Endpoints))
	for i, e := range a.Endpoints {
		ex, ok := rec[e.ID]
		if ok {
			rs := append([]Response(nil), e.Responses...)
			for j, r := range rs {
				if r.Status < 400 && (r.ContentType == "" || r.ContentType == "application/json") {
					rs[j].Example = ex
					break
				}
			}
			e.Responses = rs
		}
		eps[i] = e
	}
	a.Endpoints = eps
	return a, nil
}
