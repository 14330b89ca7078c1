package app

import (
	"io"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// warnIfOpen logs one line when the control plane has no token and a listener
// is reachable from other machines: anyone there can reset state, read every
// fixture secret and move the clock.
func (a *App) warnIfOpen(lns ...net.Listener) {
	if a.Config.AdminToken != "" {
		return
	}
	for _, ln := range lns {
		if ln == nil {
			continue
		}
		ap, err := netip.ParseAddrPort(ln.Addr().String())
		if err == nil && ap.Addr().IsLoopback() {
			continue
		}
		a.Logger.Warn("the control plane /__admin is open to anyone who can reach this address: set --admin-token (MOCK_ADMIN_TOKEN) or listen on 127.0.0.1",
			"addr", ln.Addr().String())
		return
	}
}

// bodyDeadline gives a request body d to arrive once its headers are in, so a
// client trickling a body cannot hold a connection forever. The deadline is
// lifted once the body is read to its end: http.Server's ReadTimeout would
// instead stay on the connection and cancel long handlers (delay faults).
// Network deadlines are real time, not the mock clock.
func bodyDeadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			rc := http.NewResponseController(w)
			if rc.SetReadDeadline(time.Now().Add(d)) == nil {
				r.Body = &deadlineBody{ReadCloser: r.Body, lift: func() { _ = rc.SetReadDeadline(time.Time{}) }}
			}
		}
		next.ServeHTTP(w, r)
	})
}

type deadlineBody struct {
	io.ReadCloser
	once sync.Once
	lift func()
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF { // a timed-out body keeps its deadline: the server then drops the connection
		b.once.Do(b.lift)
	}
	return n, err
}
