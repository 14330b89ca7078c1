package overrides_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
)

// t0 is the frozen mock time of every test.
var t0 = time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)

func newServer(t *testing.T, tweak func(*config.Config)) *apptest.Server {
	t.Helper()
	s := apptest.New(t, tweak)
	s.SetClock(t0)
	return s
}

// add creates an override and returns the 201 body, failing on anything else.
func add(t *testing.T, s *apptest.Server, spec string) string {
	t.Helper()
	r := s.Do(t, "POST", "/__admin/overrides", spec)
	require.Equal(t, 201, r.Status, r.Body)
	return r.Body
}

func count(t *testing.T, s *apptest.Server, query string) string {
	t.Helper()
	return s.Do(t, "GET", "/__admin/requests/count?"+query, "").Body
}
