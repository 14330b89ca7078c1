package journal

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRingBoundedNewestFirst(t *testing.T) {
	r := New(3)
	for i, p := range []string{"gempay", "zipay", "gempay", "hostdime"} {
		id := r.Add(Entry{Provider: p, Outcome: OutcomeOK})
		assert.Equal(t, int64(i+1), id)
	}
	all := r.List(Filter{})
	require.Len(t, all, 3)
	assert.Equal(t, []int64{4, 3, 2}, []int64{all[0].ID, all[1].ID, all[2].ID})
	assert.Equal(t, 1, r.Count(Filter{Provider: "gempay"}))
	assert.Len(t, r.List(Filter{Limit: 2}), 2)
	_, ok := r.Get(1)
	assert.False(t, ok, "evicted")
	e, ok := r.Get(3)
	assert.True(t, ok)
	assert.Equal(t, "gempay", e.Provider)
	r.Clear()
	assert.Empty(t, r.List(Filter{}))
	assert.Equal(t, int64(5), r.Add(Entry{}))
}

func TestNote(t *testing.T) {
	h := http.Header{}
	n := NewNote(h, true)
	ctx := WithNote(context.Background(), n)
	SetEndpoint(ctx, "order")
	Reject(ctx, "signature_mismatch", "line one\nline two ü")
	ep, out, reason, expl := n.Snapshot()
	assert.Equal(t, []string{"order", OutcomeRejected, "signature_mismatch", "line one\nline two ü"}, []string{ep, out, reason, expl})
	assert.Equal(t, "line one line two u", h.Get("X-Mock-Explain"))

	h2 := http.Header{}
	ctx2 := WithNote(context.Background(), NewNote(h2, false))
	Reject(ctx2, "x", "y")
	assert.Empty(t, h2.Get("X-Mock-Explain"), "debug off: no header")
	Reject(context.Background(), "x", "y") // no note: no panic
}

func TestTruncate(t *testing.T) {
	assert.Equal(t, "abc", Truncate([]byte("abc")))
	long := strings.Repeat("a", MaxBody+10)
	assert.Equal(t, strings.Repeat("a", MaxBody)+"…[truncated]", Truncate([]byte(long)))
}

func TestHeaderSafeSpellsOutNonASCII(t *testing.T) {
	for in, want := range map[string]string{
		"the window is ±5m":               "the window is +/-5m",
		"a → b … §2.8 — “quoted” 3×4 ≤ 5": `a -> b ... S2.8 - "quoted" 3x4 <= 5`,
		"café Ünïcode straße":             "cafe Unicode strasse",
		"rial ریال ☃ 😀":                   "rial U+0631U+06CCU+0627U+0644 U+2603 U+1F600",
		"tab\there\r\nand\x00 bell\x07":   "tab here  and bell",
	} {
		got := headerSafe(in)
		assert.Equal(t, want, got, in)
		assert.NotContains(t, got, "?", in)
		for _, r := range got {
			assert.True(t, r >= 0x20 && r <= 0x7e, "%q in %q", r, got)
		}
	}
}

func TestRingBoundedInBytes(t *testing.T) {
	r := NewBounded(1000, 100<<10)
	big := strings.Repeat("b", MaxBody)
	for i := 0; i < 200; i++ {
		r.Add(Entry{Provider: "zipay", RequestBody: big, ResponseBody: big})
	}
	assert.LessOrEqual(t, r.Bytes(), int64(100<<10))
	n := r.Count(Filter{})
	assert.Less(t, n, 20, "old entries went to make room")
	assert.Greater(t, n, 5)
	all := r.List(Filter{})
	assert.Equal(t, int64(200), all[0].ID, "the newest stay")
	assert.Equal(t, int64(200-n+1), all[n-1].ID)

	r.ClearProvider("gempay")
	assert.Equal(t, n, r.Count(Filter{}))
	r.ClearProvider("zipay")
	assert.Zero(t, r.Bytes())
	r.Add(Entry{Provider: "gempay"})
	r.Clear()
	assert.Zero(t, r.Bytes())
}

func TestRingCutsLongTexts(t *testing.T) {
	r := New(10)
	canonical := strings.Repeat("x", 1<<20)
	id := r.Add(Entry{Explanation: "signature mismatch; canonical=" + canonical, Query: "a=" + canonical, RequestHdr: map[string]string{"X-Pad": canonical}})
	e, ok := r.Get(id)
	require.True(t, ok)
	want := "signature mismatch; canonical=" + strings.Repeat("x", MaxText-len("signature mismatch; canonical=")) + fmt.Sprintf("…[%d more bytes cut]", 1<<20+30-MaxText)
	assert.Equal(t, want, e.Explanation)
	assert.Equal(t, "a="+strings.Repeat("x", MaxText-2)+fmt.Sprintf("…[%d more bytes cut]", 1<<20+2-MaxText), e.Query)
	assert.Len(t, e.RequestHdr["X-Pad"], MaxText+len(fmt.Sprintf("…[%d more bytes cut]", 1<<20-MaxText)))
	assert.Less(t, r.Bytes(), int64(4*MaxText))

	assert.Equal(t, "short", Cut("short", 10))
	assert.Equal(t, "ab…[5 more bytes cut]", Cut("abüüx", 3), "cut on a character boundary")
}
