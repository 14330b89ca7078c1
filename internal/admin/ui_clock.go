package admin

import (
	"errors"
	"time"

	"github.com/mocksuite/mocksuite/internal/clock"
)

// clockBadge is the mock clock as the dashboard shows it: the time and a tag
// that says whether it is real time, frozen, or running ahead of real time.
type clockBadge struct {
	Now   string
	State string // live, frozen, ahead or behind: the tag's class
	Text  string
	// Input is the time in the set field's format, to edit.
	Input string
}

func (a *api) clockBadge() clockBadge {
	now := a.d.Clock.Now().UTC()
	b := clockBadge{Now: now.Format(time.RFC3339), Input: now.Format(formTime), State: "live", Text: "real time"}
	off := a.d.Clock.Offset().Truncate(time.Millisecond)
	switch {
	case a.d.Clock.Frozen():
		b.State, b.Text = "frozen", "frozen"
	case off > 0:
		b.State, b.Text = "ahead", "+"+clock.Human(off)+" ahead of real time"
	case off < 0:
		b.State, b.Text = "behind", clock.Human(-off)+" behind real time"
	}
	return b
}

// formTime is what the set field shows and accepts besides RFC 3339: a UTC
// time without its zone, as a person types it.
const formTime = "2006-01-02T15:04:05"

// parseFormTime reads the set field: RFC 3339, or UTC without the zone (with
// or without seconds, with T or a space).
func parseFormTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{formTime, "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a time")
}
