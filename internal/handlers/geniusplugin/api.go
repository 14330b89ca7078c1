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
	serve  func(p *Provider, w http.ResponseWriter, r *http.Request, c *call)
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

// api parses, authenticates and dispatches POST /api/v1/{endpoint}/.
func (p *Provider) api(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "endpoint")
	spec, ok := endpoints[name]
	if ok {
		journal.SetEndpoint(r.Context(), name)
	} else {
		journal.SetEndpoint(r.Context(), "unknown")
	}
	if r.Method != http.MethodPost {
		writeStatus(w, r, "the API answers POST only, not "+r.Method, msgMethod)
		return
	}
	if !ok {
		writeStatus(w, r, fmt.Sprintf("%q is none of the ten endpoints", name), msgEndpoint)
		return
	}
	form, err := readForm(r, p.d.Config.BodyLimit)
	if err != nil {
		// PHP leaves $_POST empty for a body it cannot parse.
		p.d.Logger.Debug("geniusplugin: unreadable form", "err", err)
		form = url.Values{}
	}
	if id, args, missing := missingCommon(form); missing != "" {
		writeStatus(w, r, "missing field(s): "+missing, id, args...)
		return
	}
	c := &call{endpoint: name, form: form, domain: field(form, "domain")}
	if !p.authenticate(w, r, c) {
		return
	}
	for _, f := range spec.fields {
		if field(form, f) != "" {
			continue
		}
		if f == "password" {
			writeStatus(w, r, "missing field password", msgMissingPassword)
		} else {
			writeStatus(w, r, "missing field "+f, msgMissingField, f)
		}
		return
	}
	spec.serve(p, w, r, c)
}

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
func (p *Provider) authenticate(w http.ResponseWriter, r *http.Request, c *call) bool {
	ctx := r.Context()
	ip := handlers.ClientIP(r)
	cands, err := p.d.Store.GPResellersForIP(ctx, ip)
	if err != nil {
		p.fail(w, r, c, err)
		return false
	}
	if len(cands) == 0 {
		writeStatus(w, r, fmt.Sprintf("no reseller has %s among its authorised IPs", ipText(ip)), msgIPNotAuthorized)
		return false
	}
	ts := field(c.form, "timestamp")
	if len(ts) != 10 || strings.Trim(ts, "0123456789") != "" {
		writeStatus(w, r, fmt.Sprintf("timestamp %q is not 10 digits (str_shuffle(time()))", ts), msgInvalidTimestamp)
		return false
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
		writeStatus(w, r, strings.Join(explain, " | "), msgInvalidHash)
		return false
	}
	cfg := p.d.Config.Geniusplugin
	if cfg.StrictTimestamp {
		now := p.d.Clock.Now()
		if !timestampNear(ts, now, cfg.TimestampWindow) {
			writeStatus(w, r, fmt.Sprintf("strict_timestamp: the digits of %s are no permutation of a Unix time within %s of %d",
				ts, cfg.TimestampWindow, now.Unix()), msgInvalidTimestamp)
			return false
		}
	}
	if cfg.RejectReplay && !p.replays.Use(fmt.Sprint(c.reseller.ID), c.domain+"|"+ts) {
		writeStatus(w, r, fmt.Sprintf("reject_replay: domain %q with timestamp %s was already used", c.domain, ts), msgReplay)
		return false
	}
	return true
}

// apply runs a business rule on the caller's package for the domain and
// answers ok, or the refusal.
func (p *Provider) apply(w http.ResponseWriter, r *http.Request, c *call, decide func(cur *store.GPPackage) (store.GPChange, error)) {
	if p.run(w, r, c, decide) {
		writeStatus(w, r, "", msgOK)
	}
}

// run applies a business rule in one transaction. When it fails it answers
// the rule's refusal, the credit refusal or our failure, and returns false.
func (p *Provider) run(w http.ResponseWriter, r *http.Request, c *call, decide func(cur *store.GPPackage) (store.GPChange, error)) bool {
	err := p.d.Store.GPApply(r.Context(), c.reseller.ID, c.domain, decide)
	var rf refusal
	switch {
	case err == nil:
		return true
	case errors.As(err, &rf):
		writeStatus(w, r, fmt.Sprintf("%s refused for domain %q of reseller %d: %s", c.endpoint, c.domain, c.reseller.ID, rf.Error()), msgID(rf))
	case errors.Is(err, store.ErrGPInsufficientCredit):
		writeStatus(w, r, fmt.Sprintf("%s: the credit of reseller %d does not cover the charge", c.endpoint, c.reseller.ID), msgInsufficientCredit)
	default:
		p.fail(w, r, c, err)
	}
	return false
}

// fail answers an error of the mock itself with the endpoint's documented failure string.
func (p *Provider) fail(w http.ResponseWriter, r *http.Request, c *call, err error) {
	p.d.Logger.Error("geniusplugin: request failed", "endpoint", c.endpoint, "err", err)
	id, args := internalFailure(c.endpoint, c.domain)
	writeStatus(w, r, err.Error(), id, args...)
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
