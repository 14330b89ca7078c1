// Package nodeco emulates the NODE cloud VPS API of node.co.id and its
// virtdedi.com flavour (see ../shared/specs/nodeco.md): 24 RPC functions
// (23 on virtdedi) under /api/v1 and /api-sandbox/v1, checksum
// authentication, JSON or root-less XML envelopes, and per-stage state.
package nodeco

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Flavour selects node.co.id or virtdedi.com behaviour.
type Flavour string

// The two flavours.
const (
	NodeCo   Flavour = "nodeco"
	VirtDedi Flavour = "virtdedi"
)

// The two stages; state never crosses between them.
const (
	stageSandbox = "sandbox"
	stageReal    = "real"
)

// Provider is one flavour of the NODE emulator.
type Provider struct {
	d       handlers.Deps
	cfg     *Config // the "nodeco:" section
	flavour Flavour
}

// New builds the emulator for one flavour.
func New(d handlers.Deps, f Flavour) *Provider {
	return &Provider{d: d, cfg: config.SectionOf[*Config](d.Config), flavour: f}
}

// Name is the path prefix: "nodeco" or "virtdedi".
func (p *Provider) Name() string { return string(p.flavour) }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler {
	r := chi.NewRouter()
	r.HandleFunc("/api/v1/{function}", p.serveAPI(stageReal))
	r.HandleFunc("/api/v1/{function}/", p.serveAPI(stageReal))
	r.HandleFunc("/api-sandbox/v1/{function}", p.serveAPI(stageSandbox))
	r.HandleFunc("/api-sandbox/v1/{function}/", p.serveAPI(stageSandbox))
	r.Get("/virtualmonitor/{server_id}/{token}", p.serveConsole(false))
	r.Get("/virtualmonitor-alt/{server_id}/{token}", p.serveConsole(true))
	r.Get("/snapshot-download/{stage}/{snapshot_id}/{name}", p.serveSnapshotDownload)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		journal.SetEndpoint(r.Context(), "unknown")
		journal.Reject(r.Context(), journal.ReasonNotFound, "no NODE route "+r.URL.Path)
		writeEnvelope(w, formatOf(r), http.StatusNotFound, p.errorCode(), errUnknownFunction, nil)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		journal.Reject(r.Context(), journal.ReasonMethodNotAllowed, "method "+r.Method+" not allowed")
		writeEnvelope(w, formatOf(r), http.StatusMethodNotAllowed, p.errorCode(), errMethod, nil)
	})
	return r
}

// WriteFailure answers our own failures in the NODE envelope. NODE answers
// everything with HTTP 200; an injected fault uses the status it asks for.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	status, msg := http.StatusOK, errInternal
	switch f.Kind {
	case handlers.FailBodyTooLarge:
		msg = errBodyTooLarge
	case handlers.FailFault:
		msg = errServiceFault
		if f.Status >= 100 && f.Status <= 599 {
			status = f.Status
		}
	}
	writeEnvelope(w, formatOf(r), status, p.errorCode(), msg, nil)
}

// Reset clears in-memory state: this emulator keeps none outside the store.
func (p *Provider) Reset() {}

func (p *Provider) errorCode() string { return p.cfg.ErrorCode }

// formatOf reads format= without consuming a body that may not be there.
func formatOf(r *http.Request) format {
	if r.Form != nil {
		return parseFormat(r.Form.Get("format"))
	}
	return parseFormat(r.URL.Query().Get("format"))
}

// apiError is a refusal in the NODE envelope: the message of the table,
// with the values its format quotes in Args.
type apiError = handlers.Refusal[msg]

// refuse refuses with message format of the table, filled with args.
func refuse(format msg, args ...any) error {
	return handlers.Refuse(format, "", args...)
}

// errAuthenticated ends the transaction that only authenticates a call.
var errAuthenticated = errors.New("nodeco: authenticated")

// call is one API request being served.
type call struct {
	p       *Provider
	r       *http.Request
	ctx     context.Context
	form    url.Values
	flavour string
	stage   string
	now     time.Time
	acct    store.NodecoAccount
	q       *store.NodecoTx
}

// fnResult is what a function hands back on success.
type fnResult struct {
	message string
	data    *object
}

type function struct {
	run func(c *call) (fnResult, error)
	// nodeOnly functions are unknown on virtdedi.com (create_snapshot).
	nodeOnly bool
	// readOnly functions write nothing, so they run in a read transaction
	// that does not queue behind (or block) writes.
	readOnly bool
}

// functions is the dispatch table of spec §6 (never mutated).
var functions = map[string]function{
	"get_arch_list":                  {run: getArchList, readOnly: true},
	"get_os_variant_list":            {run: getOSVariantList, readOnly: true},
	"get_os_template_list":           {run: getOSTemplateList, readOnly: true},
	"get_server_list":                {run: getServerList, readOnly: true},
	"get_server_detail":              {run: getServerDetail, readOnly: true},
	"create_server":                  {run: createServer},
	"cancel_server":                  {run: cancelServer},
	"reinstall_server":               {run: reinstallServer},
	"turn_server_on":                 {run: turnServerOn},
	"turn_server_off":                {run: turnServerOff},
	"change_server_label":            {run: changeServerLabel},
	"change_server_hostname":         {run: changeServerHostname},
	"change_reverse_host":            {run: changeReverseHost},
	"set_server_custom_info":         {run: setServerCustomInfo},
	"change_server_password":         {run: changeServerPassword},
	"get_server_virtual_monitor_url": {run: getVirtualMonitorURL},
	"get_server_shared_access_list":  {run: getSharedAccessList, readOnly: true},
	"add_server_shared_access":       {run: addSharedAccess},
	"delete_server_shared_access":    {run: deleteSharedAccess},
	"get_snapshot_list":              {run: getSnapshotList, readOnly: true},
	"get_snapshot_detail":            {run: getSnapshotDetail, readOnly: true},
	"create_snapshot":                {run: createSnapshot, nodeOnly: true},
	"delete_snapshot":                {run: deleteSnapshot},
	"set_server_snapshot_schedule":   {run: setSnapshotSchedule},
}

func (p *Provider) serveAPI(stage string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		name := chi.URLParam(r, "function")
		journal.SetEndpoint(ctx, name)
		params, parseErr := readParams(r)
		if parseErr == nil {
			// Every later reader (the after-auth hook, an override's
			// encoder) sees the parameters as PHP would.
			r.Form = params
		}
		f := formatOf(r)
		fail := func(err error) {
			var ae *apiError
			if !errors.As(err, &ae) {
				p.d.Logger.Error("nodeco call failed", "flavour", p.flavour, "function", name, "err", err)
				ae = handlers.Refuse(msg(errInternal), err.Error())
			}
			ae.Record(ctx, w)
			writeEnvelope(w, f, http.StatusOK, p.errorCode(), ae.Error(), nil)
		}
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			fail(refuse(errMethod))
			return
		}
		if parseErr != nil {
			fail(refuse(errBadRequest))
			return
		}
		fn, ok := functions[name]
		if !ok || (fn.nodeOnly && p.flavour != NodeCo) {
			journal.SetEndpoint(ctx, "unknown")
			fail(refuse(errUnknownFunction))
			return
		}
		c := &call{p: p, r: r, ctx: ctx, form: params, flavour: string(p.flavour), stage: stage, now: p.d.Clock.Now()}
		// The checksum is verified in the function's own transaction. With an
		// after-auth interceptor, a first transaction stops right after it, so
		// the interceptor never runs inside a store transaction.
		stopAfterAuth := handlers.HasAuthInterceptor(r)
		var res fnResult
		run := func(q *store.NodecoTx) error {
			c.q = q
			if err := c.authenticate(); err != nil {
				return err
			}
			if stopAfterAuth {
				return errAuthenticated
			}
			var err error
			res, err = fn.run(c)
			return err
		}
		inTx := p.d.Store.Nodeco
		if fn.readOnly {
			inTx = p.d.Store.NodecoRead
		}
		err := inTx(ctx, run)
		if errors.Is(err, errAuthenticated) {
			if handlers.AfterAuth(w, r) {
				return
			}
			stopAfterAuth = false
			err = inTx(ctx, run)
		}
		if err != nil {
			fail(err)
			return
		}
		writeEnvelope(w, f, http.StatusOK, codeOK, res.message, res.data)
	}
}

// authenticate checks user_id and checksum = sha1(sha1(sha1(user_id . key . random))).
func (c *call) authenticate() error {
	userID, random, sum := c.form.Get("user_id"), c.form.Get("random"), c.form.Get("checksum")
	for _, p := range [][2]string{{"user_id", userID}, {"random", random}, {"checksum", sum}} {
		if p[1] == "" {
			return refuse(errMissingParamFmt, p[0])
		}
	}
	acct, err := c.q.Account(c.flavour, userID)
	if store.IsNotFound(err) {
		return refuse(errInvalidUserID)
	}
	if err != nil {
		return err
	}
	res := verify.VerifyNodeco(userID, acct.APIKey, random, sum)
	if !res.OK {
		return handlers.Refuse(msg(errInvalidChecksum), res.Explain())
	}
	c.acct = acct
	return nil
}
