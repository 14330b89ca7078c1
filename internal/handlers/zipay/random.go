package zipay

import (
	"math"
	"net/http"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// ipEcho answers GET /api/ with the caller's address (no auth: it exists so a
// merchant can learn which IP to put on a key).
func (p *Provider) ipEcho(w http.ResponseWriter, r *http.Request) {
	journal.SetEndpoint(r.Context(), "ip")
	// Nothing to authenticate: every guard has passed.
	if handlers.AfterAuth(w, r) {
		return
	}
	ip := ""
	if a := handlers.ClientIP(r); a.IsValid() {
		ip = a.String()
	}
	writeAnswer(w, asResult(struct {
		IP string `json:"ip"`
	}{ip}))
}

// randomBody is random's answer: its fields sit at the top level (spec §5.1).
type randomBody struct {
	TrackID string `json:"trackid"`
	Result  int64  `json:"result"`
	Success bool   `json:"success"`
	Status  int    `json:"status"`
}

// random draws an integer in [min, max], both inclusive.
func (p *Provider) random(r *http.Request, c *call) (answer, *failure) {
	f := c.form
	lo, hi := f.integer("min"), f.integer("max")
	if lo != nil && hi != nil && *hi <= *lo {
		f.fail("max", msgInvalid)
	}
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	n := *lo + int64(p.d.IDs.IntN(int(*hi-*lo+1)))
	return answer{v: randomBody{TrackID: p.randomTrackID(), Result: n, Success: true, Status: http.StatusOK}}, nil
}

// integer reads a required 32-bit integer (keeps max-min+1 inside an int).
func (f *form) integer(name string) *int64 {
	v, ok := f.required(name)
	if !ok {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || !reDigits.MatchString(v) || n < math.MinInt32 || n > math.MaxInt32 {
		f.fail(name, msgInvalid)
		return nil
	}
	return &n
}

// randomTrackID is four groups of six upper-case hex digits.
func (p *Provider) randomTrackID() string {
	s := p.d.IDs.String(24, ids.UpperHex)
	return s[0:6] + "-" + s[6:12] + "-" + s[12:18] + "-" + s[18:24]
}

// uuid is a lower-case UUID v4 drawn from the id source (deterministic with --seed).
func (p *Provider) uuid() string {
	h := []byte(p.d.IDs.Hex(32))
	h[12] = '4'
	h[16] = "89ab"[p.d.IDs.IntN(4)]
	s := string(h)
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}
