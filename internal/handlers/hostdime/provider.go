// Package hostdime emulates the HostDime API v1 ("Core" API): POST
// /v1/<module>/<method>.<json|xml|yml> with form parameters, signed with the
// api_key/api_timestamp/api_unique/api_hash scheme of internal/verify, answered
// in the {"error":…,"response":…} envelope (see ../shared/specs/hostdime.md).
package hostdime

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Provider is the HostDime emulator.
type Provider struct {
	d       handlers.Deps
	cfg     *Config // the "hostdime:" section
	replay  *guard.ReplayCache
	methods map[string]methodSpec
}

// methodSpec is one API method: whether it needs the api_* fields, and its handler.
type methodSpec struct {
	public bool
	handle func(p *Provider, c *call) (any, *apiError)
}

// New builds the emulator.
func New(d handlers.Deps) *Provider {
	cfg := config.SectionOf[*Config](d.Config)
	return &Provider{
		d:       d,
		cfg:     cfg,
		replay:  guard.NewReplayCache(d.Clock, cfg.TimestampWindow),
		methods: methodTable(),
	}
}

// methodTable lists every method the emulator serves (spec §5).
func methodTable() map[string]methodSpec {
	return map[string]methodSpec{
		"utility.echo": {public: true, handle: (*Provider).utilityEcho},

		"server.list":        {handle: (*Provider).serverList},
		"server.get":         {handle: (*Provider).serverGet},
		"server.bandwidth":   {handle: (*Provider).serverBandwidth},
		"server.suspend":     {handle: action(store.HostdimeServer, actSuspend)},
		"server.unsuspend":   {handle: action(store.HostdimeServer, actUnsuspend)},
		"server.power.cycle": {handle: action(store.HostdimeServer, actPowerCycle)},
		"server.power.on":    {handle: action(store.HostdimeServer, actPowerOn)},
		"server.power.off":   {handle: action(store.HostdimeServer, actPowerOff)},
		"server.rdns.list":   {handle: rdnsList(store.HostdimeServer)},
		"server.rdns.update": {handle: rdnsUpdate(store.HostdimeServer)},

		"vps.get":         {handle: (*Provider).vpsGet},
		"vps.start":       {handle: action(store.HostdimeVPS, actPowerOn)},
		"vps.stop":        {handle: action(store.HostdimeVPS, actPowerOff)},
		"vps.stopf":       {handle: action(store.HostdimeVPS, actPowerOff)},
		"vps.restart":     {handle: action(store.HostdimeVPS, actPowerCycle)},
		"vps.suspend":     {handle: action(store.HostdimeVPS, actSuspend)},
		"vps.unsuspend":   {handle: action(store.HostdimeVPS, actUnsuspend)},
		"vps.graphs":      {handle: (*Provider).vpsGraphs},
		"vps.rdns.list":   {handle: rdnsList(store.HostdimeVPS)},
		"vps.rdns.update": {handle: rdnsUpdate(store.HostdimeVPS)},

		"domain.list": {handle: (*Provider).domainList},

		"ticket.create": {handle: (*Provider).ticketCreate},
	}
}

// Name is the path prefix.
func (p *Provider) Name() string { return "hostdime" }

// Routes serves every path: the method name comes from the path itself, so a
// pattern router would add nothing but its own 404 page.
func (p *Provider) Routes() http.Handler { return http.HandlerFunc(p.serve) }

// WriteFailure answers our own failures in the HostDime envelope, in the
// format the path asked for.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	route := parsePath(r.URL.Path)
	out := output{format: route.outFormat()}
	switch f.Kind {
	case handlers.FailBodyTooLarge:
		m := messages[errTooLarge]
		writeEnvelope(w, out, http.StatusRequestEntityTooLarge, errorEnvelope(m.code, m.text))
	case handlers.FailFault:
		// An injected fault asks for its status; the text is the status's own.
		text := http.StatusText(f.Status)
		if text == "" {
			text = messages[errInternal].text
		}
		writeEnvelope(w, out, f.Status, errorEnvelope(f.Status, text))
	default:
		m := messages[errInternal]
		writeEnvelope(w, out, http.StatusInternalServerError, errorEnvelope(m.code, m.text))
	}
}

// Reset forgets every used api_unique.
func (p *Provider) Reset() { p.replay.Reset() }

// call is one authenticated (or public) API call on its way to a method.
type call struct {
	ctx     context.Context
	method  string
	pairs   [][2]string       // the form fields in body order
	params  map[string]string // last value of each field, as PHP's $_POST
	account store.HostdimeAccount
	testing bool // sandbox: check everything, change nothing
	now     time.Time
}

// param returns a parameter as sent ("" when absent).
func (c *call) param(name string) string { return c.params[name] }

// require returns a parameter or the missing-parameter error.
func (c *call) require(name string) (string, *apiError) {
	v := c.params[name]
	if v == "" {
		return "", fail(errMissingParam, name, "")
	}
	return v, nil
}

func (p *Provider) serve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	route := parsePath(r.URL.Path)
	out := output{format: route.outFormat()}
	endpoint := route.method
	if _, ok := p.methods[route.method]; !ok {
		endpoint = "unknown"
	}
	journal.SetEndpoint(ctx, endpoint)

	c, e := p.admit(w, r, route, &out)
	if e != nil {
		p.writeErr(w, r, out, e)
		return
	}
	if handlers.AfterAuth(w, r) {
		return
	}
	v, e := p.methods[route.method].handle(p, c)
	if e != nil {
		p.writeErr(w, r, out, e)
		return
	}
	p.writeOK(w, out, v)
}

// admit runs every check in the spec's order (route → format → auth fields →
// key → timestamp → unique → hash) and returns the call for the method.
func (p *Provider) admit(w http.ResponseWriter, r *http.Request, route route, out *output) (*call, *apiError) {
	if r.Method != http.MethodPost {
		return nil, fail(errNotPOST, "", r.Method+" "+r.URL.Path+": the API takes POST only")
	}
	spec, ok := p.methods[route.method]
	if !ok {
		return nil, fail(errUnknownMethod, route.method, "")
	}
	if !route.formatOK() {
		return nil, fail(errFormat, route.ext, "")
	}
	body, err := readAll(r)
	if err != nil {
		p.d.Logger.Error("hostdime: read body", "err", err)
		return nil, fail(errInternal, "", "request body could not be read: "+err.Error())
	}
	pairs := parseForm(body)
	c := &call{ctx: r.Context(), method: route.method, pairs: pairs, params: lastValues(pairs), now: p.d.Clock.Now()}
	if out.format == fmtJSON {
		cb := c.params["callback"]
		if cb == "" {
			cb = r.URL.Query().Get("callback")
		}
		if cb != "" {
			if !validCallback(cb) {
				return nil, fail(errCallback, "", "callback name does not match ^[A-Za-z_$][0-9A-Za-z_$.]*$ (at most 128 characters)")
			}
			out.callback = cb
		}
	}
	c.testing = truthy(c.params["testing"])
	key, ts, unique, hash := c.params["api_key"], c.params["api_timestamp"], c.params["api_unique"], c.params["api_hash"]
	if key == "" || ts == "" || unique == "" || hash == "" {
		if spec.public {
			return c, nil
		}
		return nil, fail(errMissingAuth, "", "restricted method "+route.method+" needs api_key, api_timestamp, api_unique and api_hash; missing: "+strings.Join(missingAuth(c.params), ", "))
	}
	if e := p.authenticate(c, key, ts, unique, hash); e != nil {
		return nil, e
	}
	return c, nil
}

// storeErr maps a store error: not found to the given answer, anything else
// to an internal error that is logged.
func (p *Provider) storeErr(c *call, err error, notFound *apiError) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	if store.IsNotFound(err) {
		return notFound
	}
	p.d.Logger.Error("hostdime: store", "method", c.method, "err", err)
	return fail(errInternal, "", "store error: "+err.Error())
}
