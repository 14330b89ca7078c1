package app_test

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// X-Mock-Explain is ASCII and its durations read as people write them.
func TestExplainIsASCIIWithHumanDurations(t *testing.T) {
	s := apptest.New(t, func(c *config.Config) { c.Debug = true })
	now := time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)
	s.SetClock(now)
	ts := now.Add(-(3*365+87)*24*time.Hour - 5*time.Hour).Unix()
	tsStr := strconv.FormatInt(ts, 10)
	hash := verify.SignHostdime("fazbaz", "server.list", tsStr, "U1", nil)
	form := url.Values{"api_key": {"foobar"}, "api_timestamp": {tsStr}, "api_unique": {"U1"}, "api_hash": {hash}}
	r := s.Do(t, "POST", "/hostdime/v1/server/list.json", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, "api_timestamp "+tsStr+" is 3y 87d before the mock clock (2024-09-14T23:03:00Z); the window is +/-5m", r.Header.Get("X-Mock-Explain"))
}
