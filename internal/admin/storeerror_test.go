package admin

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/store"
)

func TestStoreError(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	taken := errors.New("key taken")
	cases := []struct {
		err    error
		status int
		body   string
	}{
		{fmt.Errorf("lookup: %w", store.ErrNotFound), 404, `{"error":"account x not found"}` + "\n"},
		{fmt.Errorf("insert: %w", taken), 409, `{"error":"key: \"k\" is taken"}` + "\n"},
		{errors.New("disk on fire"), 500, `{"error":"disk on fire"}` + "\n"},
	}
	for _, c := range cases {
		w := httptest.NewRecorder()
		assert.True(t, StoreError(w, log, c.err, "account x not found", Conflict{Err: taken, Msg: `key: "k" is taken`}))
		assert.Equal(t, c.status, w.Code)
		assert.Equal(t, c.body, w.Body.String())
	}
	w := httptest.NewRecorder()
	assert.False(t, StoreError(w, log, nil, "unused"))
	assert.Equal(t, 0, w.Body.Len())
}
