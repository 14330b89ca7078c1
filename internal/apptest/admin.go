package apptest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// AdminJSON asserts an /__admin answer: its status, its whole JSON body (want
// without the encoder's final newline) and its content type. It reports and
// goes on, so a table of cases shows every failure at once.
func AdminJSON(t testing.TB, r Response, status int, want string, msg ...any) {
	t.Helper()
	assert.Equal(t, status, r.Status, msg...)
	assert.Equal(t, want+"\n", r.Body, msg...)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"), msg...)
}

// AdminCase is one request to an /__admin resource and its whole answer. It
// names an unnamed struct type so that a table of cases may list its fields
// in order, without keys.
type AdminCase = struct {
	Name, Method, Path, Body string
	Status                   int
	Want                     string
}

// AdminCases sends each case to base+Path and asserts its answer as
// AdminJSON does, naming the case in a failure.
func AdminCases(t testing.TB, s *Server, base string, cases []AdminCase) {
	t.Helper()
	for _, c := range cases {
		AdminJSON(t, s.Do(t, c.Method, base+c.Path, c.Body), c.Status, c.Want, c.Name)
	}
}
