// Package money parses the decimal amounts of fixtures, config and admin
// input, so that the config and the store (which must not import each
// other) read them alike.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseCents reads a non-negative decimal with at most two places, such as
// "9", "9.5" or "9.00", into hundredths.
func ParseCents(s string) (int64, error) {
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || len(whole) > 12 || !allDigits(whole) || (hasDot && (frac == "" || len(frac) > 2 || !allDigits(frac))) {
		return 0, fmt.Errorf("%q is not a non-negative decimal with at most two places", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
