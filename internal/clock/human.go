package clock

import (
	"strconv"
	"strings"
	"time"
)

// humanUnits are the units of Human, largest first; a year is 365 days.
var humanUnits = []struct {
	name string
	size time.Duration
}{
	{"y", 365 * 24 * time.Hour},
	{"d", 24 * time.Hour},
	{"h", time.Hour},
	{"m", time.Minute},
	{"s", time.Second},
	{"ms", time.Millisecond},
}

// Human writes d as people write durations, in its two largest units,
// truncated: "3y 87d", "6m 1s", "5m", "250ms". Explanations use it so that a
// clock that is years off does not read 118460h50m43.237046267s.
func Human(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		if d == -d { // the smallest Duration has no positive twin
			d++
		}
		d = -d
	}
	parts := 0
	for _, u := range humanUnits {
		n := d / u.size
		if n == 0 {
			if parts > 0 {
				break // "1h 0m 5s" would be noise: stop after a gap
			}
			continue
		}
		if parts > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatInt(int64(n), 10))
		b.WriteString(u.name)
		d -= n * u.size
		if parts++; parts == 2 {
			break
		}
	}
	if parts == 0 {
		return b.String() + "<1ms"
	}
	return b.String()
}
