package store

import (
	"fmt"
	"math/big"
	"strings"
)

// ZipayAmount is an exact decimal: unscaled · 10^-scale. Zipay quotes money as
// decimal strings with up to 20 fractional digits (exchange results), so
// neither float64 nor a fixed number of minor units fits.
type ZipayAmount struct {
	unscaled big.Int
	scale    int
}

// ParseZipayAmount reads a plain decimal ("100.99", "-3", "0.5"); no exponent,
// no "+", at least one digit on each side of a ".".
func ParseZipayAmount(s string) (ZipayAmount, error) {
	var a ZipayAmount
	digits := strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(digits, ".")
	if intPart == "" || (hasDot && frac == "") || !zipayDigits(intPart) || !zipayDigits(frac) {
		return a, fmt.Errorf("zipay amount %q is not a plain decimal", s)
	}
	if _, ok := a.unscaled.SetString(intPart+frac, 10); !ok {
		return a, fmt.Errorf("zipay amount %q is not a plain decimal", s)
	}
	if strings.HasPrefix(s, "-") {
		a.unscaled.Neg(&a.unscaled)
	}
	a.scale = len(frac)
	return a, nil
}

// MustZipayAmount parses a constant; it panics on a typo in code.
func MustZipayAmount(s string) ZipayAmount {
	a, err := ParseZipayAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func zipayDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func zipayPow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// rescaled returns the unscaled value at a larger scale.
func (a ZipayAmount) rescaled(scale int) *big.Int {
	v := new(big.Int).Set(&a.unscaled)
	if scale > a.scale {
		v.Mul(v, zipayPow10(scale-a.scale))
	}
	return v
}

// Add returns a + b.
func (a ZipayAmount) Add(b ZipayAmount) ZipayAmount { return a.aligned(b, (*big.Int).Add) }

// Sub returns a - b.
func (a ZipayAmount) Sub(b ZipayAmount) ZipayAmount { return a.aligned(b, (*big.Int).Sub) }

// aligned applies op to a and b brought to the larger of their scales.
func (a ZipayAmount) aligned(b ZipayAmount, op func(z, x, y *big.Int) *big.Int) ZipayAmount {
	r := ZipayAmount{scale: max(a.scale, b.scale)}
	op(&r.unscaled, a.rescaled(r.scale), b.rescaled(r.scale))
	return r
}

// Mul returns a · b exactly.
func (a ZipayAmount) Mul(b ZipayAmount) ZipayAmount {
	var r ZipayAmount
	r.unscaled.Mul(&a.unscaled, &b.unscaled)
	r.scale = a.scale + b.scale
	return r
}

// DivTrunc returns a ÷ b cut (toward zero) to digits fractional digits; b must not be zero.
func (a ZipayAmount) DivTrunc(b ZipayAmount, digits int) ZipayAmount {
	// a/b = (ua·10^-sa)/(ub·10^-sb); scaled by 10^digits: ua·10^(digits+sb-sa) / ub.
	num := new(big.Int).Set(&a.unscaled)
	den := new(big.Int).Set(&b.unscaled)
	if e := digits + b.scale - a.scale; e >= 0 {
		num.Mul(num, zipayPow10(e))
	} else {
		den.Mul(den, zipayPow10(-e))
	}
	var r ZipayAmount
	r.unscaled.Quo(num, den)
	r.scale = digits
	return r
}

// Cmp compares a and b (-1, 0, +1).
func (a ZipayAmount) Cmp(b ZipayAmount) int {
	s := max(a.scale, b.scale)
	return a.rescaled(s).Cmp(b.rescaled(s))
}

// Sign is -1, 0 or +1.
func (a ZipayAmount) Sign() int { return a.unscaled.Sign() }

// Scale is the number of fractional digits as written (trailing zeros count).
func (a ZipayAmount) Scale() int { return a.scale }

// Fixed renders exactly n fractional digits, cutting extra digits toward zero.
func (a ZipayAmount) Fixed(n int) string {
	v := new(big.Int).Set(&a.unscaled)
	switch {
	case n > a.scale:
		v.Mul(v, zipayPow10(n-a.scale))
	case n < a.scale:
		v.Quo(v, zipayPow10(a.scale-n))
	}
	neg := v.Sign() < 0
	digits := new(big.Int).Abs(v).String()
	if n > 0 {
		if len(digits) <= n {
			digits = strings.Repeat("0", n-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-n] + "." + digits[len(digits)-n:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// String renders the value with trailing fractional zeros (and a trailing ".") dropped.
func (a ZipayAmount) String() string {
	s := a.Fixed(a.scale)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}
