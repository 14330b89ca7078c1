package handlers

import (
	"bytes"
	"net/http"
)

// Probe is a ResponseWriter that keeps what a provider's writer produced
// without sending it: the way to ask a provider which headers and bytes it
// would answer with (response overrides encode their bodies through it).
type Probe struct {
	H      http.Header
	Status int
	Body   bytes.Buffer
}

// NewProbe returns an empty probe.
func NewProbe() *Probe { return &Probe{H: http.Header{}} }

// Header implements http.ResponseWriter.
func (p *Probe) Header() http.Header { return p.H }

// Write implements http.ResponseWriter.
func (p *Probe) Write(b []byte) (int, error) { return p.Body.Write(b) }

// WriteHeader implements http.ResponseWriter.
func (p *Probe) WriteHeader(code int) { p.Status = code }

// SentHeaders are the probe's headers without the ones that describe its body
// (Content-Length), for a caller that sends another body.
func (p *Probe) SentHeaders() http.Header {
	h := p.H.Clone()
	h.Del("Content-Length")
	return h
}
