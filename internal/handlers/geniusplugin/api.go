package geniusplugin

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// call is an authenticated request.
type call struct {
	endpoint string
	form     url.Values
	domain   string // as sent: it is part of the hash
	reseller store.GPReseller
}

// endpointSpec is one endpoint: the fields it requires beyond domain, hash
// and timestamp (in the docs' order) and its handler.
type endpointSpec struct {
	fields []string
	serve  func(p *Provider, r *http.Request, c *call) ([][2]string, *failure)
}

// endpoints is never modified after start.
var endpoints = map[string]endpointSpec{
	"connection":    {nil, (*Provider).connection},
	"getcredit":     {nil, (*Provider).getcredit},
	"list":          {nil, (*Provider).list},
	"autoregister":  {[]string{"package", "password", "uemail"}, (*Provider).autoregister},
	"suspended":     {nil, (*Provider).suspend},
	"active":        {nil, (*Provider).activate},
	"delete":        {nil, (*Provider).remove},
	"packageupdate": {[]string{"status", "package"}, (*Provider).packageupdate},
	"passwordreset": {[]string{"password"}, (*Provider).passwordreset},
	"renew":         {nil, (*Provider).renew},
}

// commonFields travel with every request, in the order "first missing" follows.
var commonFields = []string{"domain", "hash", "timestamp"}

// api is the one serve function of the API: it parses, authenticates and
// dispatches POST /api/v1/{endpoint}/, then writes the answer or the refusal.
func (p *Provider) api(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "endpoint")
	spec, ok := endpoints[name]
	if ok {
		journal.SetEndpoint(r.Context(), name)
	} else {
		journal.SetEndpoint(r.Context(), "unknown")
	}
	c, f := p.admit(r, name, ok)
	if f != nil {
		refuse(w, r, f)
		return
	}
	if handlers.AfterAuth(w, r) {
		return
	}
	pairs, f := p.dispatch(r, spec, c)
	if f != nil {
		refuse(w, r, f)
		return
	}
	writeJSON(w, http.StatusOK, pairs)
}

// admit checks the method, the endpoint, the common fields and the caller.
func (p *Provider) admit(r *http.Request, name string, known bool) (*call, *failure) {
	if r.Method != http.MethodPost {
		return nil, handlers.Refuse(msgMethod, "the API answers POST only, not "+r.Method)
	}
	if !known {
		return nil, handlers.Refuse(msgEndpoint, fmt.Sprintf("%q is none of the ten endpoints", name))
	}
	form, err := readForm(r, p.d.Config.BodyLimit)
	if err != nil {
		// PHP leaves $_POST empty for a body it cannot parse.
		p.d.Logger.Debug("geniusplugin: unreadable form", "err", err)
		form = url.Values{}
	}
	if id, args, missing := missingCommon(form); missing != "" {
		return nil, handlers.Refuse(id, "missing field(s): "+missing, args...)
	}
	c := &call{endpoint: name, form: form, domain: field(form, "domain")}
	if f := p.authenticate(r, c); f != nil {
		return nil, f
	}
	return c, nil
}

// dispatch checks the endpoint's own required fields and runs it.
func (p *Provider) dispatch(r *http.Request, spec endpointSpec, c *call) ([][2]string, *failure) {
	for _, f := range spec.fields {
		if field(c.form, f) != "" {
			continue
		}
		if f == "password" {
			return nil, handlers.Refuse(msgMissingPassword, "missing field password")
		}
		return nil, handlers.Refuse(msgMissingField, "missing field "+f, f)
	}
	return spec.serve(p, r, c)
}

// status is the {"status": <message>} answer of most endpoints.
func status(id msgID, args ...any) [][2]string { return [][2]string{{"status", text(id, args...)}} }

// missingCommon names the answer for absent common fields: the bare message
// when none is present, else the first missing one.
func missingCommon(form url.Values) (msgID, []any, string) {
	var missing []string
	for _, f := range commonFields {
		if field(form, f) == "" {
			missing = append(missing, f)
		}
	}
	switch len(missing) {
	case 0:
		return 0, nil, ""
	case len(commonFields):
		return msgMissingData, nil, strings.Join(missing, ", ")
	default:
		return msgMissingField, []any{missing[0]}, strings.Join(missing, ", ")
	}
}

// authenticate finds the caller: among the resellers whose authorised IPs
// include the client IP, the one whose key verifies the hash (spec §2.2).
func (p *Provider) authenticate(r *http.Request, c *call) *failure {
	ip := handlers.ClientIP(r)
	cands, err := p.d.Store.GPResellersForIP(r.Context(), ip)
	if err != nil {
		return p.fail(c, err)
	}
	if len(cands) == 0 {
		return handlers.Refuse(msgIPNotAuthorized, fmt.Sprintf("no reseller has %s among its authorised IPs", ipText(ip)))
	}
	ts := field(c.form, "timestamp")
	if !validTimestamp(ts) {
		return handlers.Refuse(msgInvalidTimestamp, fmt.Sprintf("timestamp %q is not 1 to 10 digits (str_shuffle(time()), as a string or an integer)", ts))
	}
	hash := field(c.form, "hash")
	var explain []string
	found := false
	for _, cand := range cands {
		res := verify.VerifyGeniusplugin(cand.APIKey, c.domain, ts, hash)
		if res.OK {
			c.reseller, found = cand, true
			break
		}
		explain = append(explain, fmt.Sprintf("reseller %d: %s", cand.ID, res.Explain()))
	}
	if !found {
		return handlers.Refuse(msgInvalidHash, strings.Join(explain, " | "))
	}
	cfg := p.cfg
	if cfg.StrictTimestamp {
		now := p.d.Clock.Now()
		if !timestampNear(ts, now, cfg.TimestampWindow) {
			return handlers.Refuse(msgInvalidTimestamp, fmt.Sprintf("strict_timestamp: the digits of %s are no permutation of a Unix time within %s of %d",
				ts, cfg.TimestampWindow, now.Unix()))
		}
	}
	if cfg.RejectReplay && !p.replays.Use(fmt.Sprint(c.reseller.ID), c.domain+"|"+ts) {
		return handlers.Refuse(msgReplay, fmt.Sprintf("reject_replay: domain %q with timestamp %s was already used", c.domain, ts))
	}
	return nil
}

// apply runs a business rule on the caller's package for the domain and
// answers ok, or the refusal.
func (p *Provider) apply(r *http.Request, c *call, decide func(cur *store.GPPackage) (store.GPChange, error)) ([][2]string, *failure) {
	if f := p.run(r, c, decide); f != nil {
		return nil, f
	}
	return status(msgOK), nil
}

// run applies a business rule in one transaction and returns the rule's
// refusal, the credit refusal or our failure.
func (p *Provider) run(r *http.Request, c *call, decide func(cur *store.GPPackage) (store.GPChange, error)) *failure {
	err := p.d.Store.GPApply(r.Context(), c.reseller.ID, c.domain, decide)
	var rf refusal
	switch {
	case err == nil:
		return nil
	case errors.As(err, &rf):
		return handlers.Refuse(msgID(rf), fmt.Sprintf("%s refused for domain %q of reseller %d: %s", c.endpoint, c.domain, c.reseller.ID, rf.Error()))
	case errors.Is(err, store.ErrGPInsufficientCredit):
		return handlers.Refuse(msgInsufficientCredit, fmt.Sprintf("%s: the credit of reseller %d does not cover the charge", c.endpoint, c.reseller.ID))
	default:
		return p.fail(c, err)
	}
}

// fail logs an error of the mock itself and refuses with the endpoint's
// documented failure string.
func (p *Provider) fail(c *call, err error) *failure {
	p.d.Logger.Error("geniusplugin: request failed", "endpoint", c.endpoint, "err", err)
	id, args := internalFailure(c.endpoint, c.domain)
	return handlers.Refuse(id, err.Error(), args...)
}

// readForm reads the buffered body as PHP fills $_POST: urlencoded or
// multipart form fields; other bodies give no fields. The body is re-read
// from GetBody so that a later reader (WriteFailure) still finds it.
func readForm(r *http.Request, limit int64) (url.Values, error) {
	body := r.Body
	if r.GetBody != nil {
		b, err := r.GetBody()
		if err != nil {
			return nil, fmt.Errorf("geniusplugin: body: %w", err)
		}
		body = b
	}
	if body == nil {
		return url.Values{}, nil
	}
	defer body.Close()
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return url.Values{}, nil
	}
	switch mt {
	case "application/x-www-form-urlencoded":
		raw, err := io.ReadAll(io.LimitReader(body, limit))
		if err != nil {
			return nil, fmt.Errorf("geniusplugin: body: %w", err)
		}
		// Like PHP, keep the pairs that parse and skip the malformed ones.
		v, _ := url.ParseQuery(string(raw))
		return v, nil
	case "multipart/form-data":
		if params["boundary"] == "" {
			return nil, errors.New("geniusplugin: multipart body without boundary")
		}
		clone := r.Clone(r.Context())
		clone.Body = body
		clone.Form, clone.PostForm, clone.MultipartForm = nil, nil, nil
		if err := clone.ParseMultipartForm(limit); err != nil {
			return nil, fmt.Errorf("geniusplugin: multipart body: %w", err)
		}
		defer clone.MultipartForm.RemoveAll()
		return url.Values(clone.MultipartForm.Value), nil
	default:
		return url.Values{}, nil
	}
}

// field returns a form value the way PHP's $_POST keeps it: the last one wins.
func field(form url.Values, name string) string {
	vs := form[name]
	if len(vs) == 0 {
		return ""
	}
	return vs[len(vs)-1]
}

func ipText(ip netip.Addr) string {
	if !ip.IsValid() {
		return "an unknown IP"
	}
	return ip.String()
}
