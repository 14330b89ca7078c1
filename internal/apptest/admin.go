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
