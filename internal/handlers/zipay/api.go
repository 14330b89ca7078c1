package zipay

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// call is an authenticated API call.
type call struct {
	key  store.ZipayKey
	form *form
	// ignored explains a body PHP would not have parsed (see readParams).
	ignored string
}

type methodFunc func(p *Provider, r *http.Request, c *call) (answer, *failure)

type method struct {
	fn       methodFunc
	allowGET bool
}

// methods is the API surface under /api/.
var methods = map[string]method{
	"random":          {fn: (*Provider).random},
	"create-invoice":  {fn: (*Provider).createInvoice},
	"invoice-status":  {fn: (*Provider).invoiceStatus},
	"invoice-verify":  {fn: (*Provider).invoiceVerify},
	"balance":         {fn: (*Provider).balance},
	"rate":            {fn: (*Provider).rate},
	"exchange":        {fn: (*Provider).exchange},
	"exchange-list":   {fn: (*Provider).exchangeList},
	"transfer":        {fn: (*Provider).transfer},
	"transfer-list":   {fn: (*Provider).transferList},
	"crypto-info":     {fn: (*Provider).cryptoInfo, allowGET: true},
	"crypto-withdraw": {fn: (*Provider).cryptoWithdraw},
}

// api is the one serve function of the API: it admits a call, gives the
// after-auth hook its turn, runs the method and writes the answer or the
// refusal.
func (p *Provider) api(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "method")
	m, ok := methods[name]
	if !ok {
		journal.SetEndpoint(r.Context(), "unknown")
		refuse(w, r, handlers.Refuse(msgRouteNotFound, fmt.Sprintf("no Zipay API method %q", name)))
		return
	}
	journal.SetEndpoint(r.Context(), name)
	c, f := p.admit(r, name, m)
	if f != nil {
		refuse(w, r, f)
		return
	}
	if handlers.AfterAuth(w, r) {
		return
	}
	a, f := m.fn(p, r, c)
	if f != nil {
		if c.ignored != "" {
			explain := f.Explain
			if explain == "" {
				explain = f.Error()
			}
			f.Explain = withCause(explain, c.ignored)
		}
		refuse(w, r, f)
		return
	}
	writeAnswer(w, a)
}

// admit authenticates a call in the order of spec §2.8.
func (p *Provider) admit(r *http.Request, name string, m method) (*call, *failure) {
	if r.Method != http.MethodPost && !(m.allowGET && r.Method == http.MethodGet) {
		allow := "POST"
		if m.allowGET {
			allow = "GET, POST"
		}
		f := handlers.Refuse(msgVerbNotAllowed, fmt.Sprintf("%s takes %s, not %s", name, allow, r.Method))
		f.Header = http.Header{"Allow": {allow}}
		return nil, f
	}
	in, err := readParams(r)
	if err != nil {
		return nil, handlers.Refuse(msgBadBody, "request body could not be read: "+err.Error())
	}

	apiKey := headerEither(r, "api_key", "api-key")
	key, err := p.d.Store.ZipayKeyByAPIKey(r.Context(), apiKey)
	if err != nil && !store.IsNotFound(err) {
		return nil, p.internal(r, err)
	}
	if err != nil || !key.Enabled || apiKey == "" {
		return nil, handlers.Refuse(msgInvalidKey, fmt.Sprintf("api_key %q is missing, unknown or disabled", verify.Mask(apiKey)))
	}
	if ip := handlers.ClientIP(r); len(key.IPs) > 0 && !guard.ContainsAddr(key.IPs, ip) {
		return nil, handlers.Refuse(msgIPNotAllowed, fmt.Sprintf("caller %s is not on the IP list of key %s", ip, verify.Mask(apiKey)))
	}
	res := verify.VerifyZipayMode(p.cfg.SignMode, key.Secret, in.signed, headerEither(r, "api_sign", "api-sign"))
	if !res.OK {
		return nil, handlers.Refuse(msgInvalidSign, withCause(res.Explain(), in.ignored))
	}
	if !key.Allows(name) {
		return nil, handlers.Refuse(msgMethodNotAllowed, fmt.Sprintf("key %s does not have method %s enabled", verify.Mask(apiKey), name))
	}
	return &call{key: key, form: &form{a: in.form}, ignored: in.ignored}, nil
}

// withCause puts the reason a body was not read before an explanation.
func withCause(explain, ignored string) string {
	if ignored == "" {
		return explain
	}
	return ignored + "; " + explain
}

// headerEither reads the underscore spelling first, then the dash one (PHP
// cannot tell them apart, so the real service accepts both).
func headerEither(r *http.Request, names ...string) string {
	for _, n := range names {
		if vs, ok := r.Header[http.CanonicalHeaderKey(n)]; ok && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

// internal logs a failure of ours (a database error), answered with E23.
func (p *Provider) internal(r *http.Request, err error) *failure {
	p.d.Logger.Error("zipay: request failed", "path", r.URL.Path, "err", err)
	return handlers.Refuse(msgInternal, err.Error())
}

// form reads parameters of a parsed PHP form and collects validation errors
// in the order the parameters are checked, one per parameter.
type form struct {
	a    *verify.PHPArray
	errs []fieldErr
	bad  map[string]bool
}

// value returns a parameter; present is false when absent. An array where a
// string is expected (x[]=1) is INVALID.
func (f *form) value(name string) (v string, present bool) {
	pv, ok := f.a.Get(name)
	if !ok {
		return "", false
	}
	if pv.IsArray() {
		f.fail(name, msgInvalid)
		return "", false
	}
	return pv.Str, true
}

// required returns a non-empty parameter, or records REQUIRED.
func (f *form) required(name string) (string, bool) {
	v, ok := f.value(name)
	if f.bad[name] {
		return "", false
	}
	if !ok || v == "" {
		f.fail(name, msgRequired)
		return "", false
	}
	return v, true
}

// optional returns a parameter that may be absent or empty (ok false then).
func (f *form) optional(name string) (string, bool) {
	v, ok := f.value(name)
	if f.bad[name] || !ok || v == "" {
		return "", false
	}
	return v, true
}

func (f *form) fail(name string, m msg) {
	if f.bad == nil {
		f.bad = map[string]bool{}
	}
	if f.bad[name] {
		return
	}
	f.bad[name] = true
	f.errs = append(f.errs, errorOf(m, name))
}

// maxLen records TOO_LONG when v has more than n characters.
func (f *form) maxLen(name, v string, n int) bool {
	if utf8.RuneCountInString(v) > n {
		f.fail(name, msgTooLong)
		return false
	}
	return true
}

// invalid is the refusal listing the collected errors (422), nil when there are none.
func (f *form) invalid() *failure {
	if len(f.errs) == 0 {
		return nil
	}
	args := make([]any, len(f.errs))
	for i, e := range f.errs {
		args[i] = e
	}
	rf := handlers.Refuse(msgFormErrors, "", args...)
	rf.Explain = rf.Error()
	return rf
}

var reAmount = regexp.MustCompile(`^[0-9]{1,15}(\.[0-9]{1,18})?$`)

// amount reads a required positive decimal with at most maxFrac decimals.
func (f *form) amount(name string, maxFrac int) (store.ZipayAmount, bool) {
	v, ok := f.required(name)
	if !ok {
		return store.ZipayAmount{}, false
	}
	a, err := store.ParseZipayAmount(v)
	if !reAmount.MatchString(v) || err != nil || a.Sign() <= 0 || a.Scale() > maxFrac {
		f.fail(name, msgInvalid)
		return store.ZipayAmount{}, false
	}
	return a, true
}

// currency reads a required currency code.
func (f *form) currency(name string) (string, bool) {
	v, ok := f.required(name)
	if !ok {
		return "", false
	}
	if _, known := coins[v]; !known {
		f.fail(name, msgInvalid)
		return "", false
	}
	return v, true
}

// intIn reads an optional integer in [lo, hi], def when absent.
func (f *form) intIn(name string, def, lo, hi int64) int64 {
	v, ok := f.optional(name)
	if !ok {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < lo || n > hi || !reDigits.MatchString(v) {
		f.fail(name, msgInvalid)
		return def
	}
	return n
}

var reDigits = regexp.MustCompile(`^-?[0-9]+$`)

// page reads limit, page and sort of the list methods.
func (f *form) page() store.ZipayPage {
	p := store.ZipayPage{Limit: int(f.intIn("limit", 10, 1, 100)), Page: int(f.intIn("page", 1, 1, 1000000))}
	if s, ok := f.optional("sort"); ok {
		switch s {
		case "asc":
			p.Asc = true
		case "desc":
		default:
			f.fail("sort", msgInvalid)
		}
	}
	return p
}
