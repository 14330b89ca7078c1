package handlers

import (
	"bytes"
	"net/http"
)

// Recorder passes an answer through and keeps its status and a copy of its
// body: the first Limit bytes, or all of them when Limit is 0. Wrap records
// every exchange in the journal through one (a bounded copy); the API
// description checker of the tests reads the whole body through another.
type Recorder struct {
	http.ResponseWriter
	Status int // 200 until the handler writes another
	Wrote  bool
	Body   bytes.Buffer
	Limit  int
}

// NewRecorder records what is written to w.
func NewRecorder(w http.ResponseWriter, limit int) *Recorder {
	return &Recorder{ResponseWriter: w, Status: http.StatusOK, Limit: limit}
}

// WriteHeader sends the first status; a later call changes nothing.
func (r *Recorder) WriteHeader(code int) {
	if r.Wrote {
		return
	}
	r.Status, r.Wrote = code, true
	r.ResponseWriter.WriteHeader(code)
}

func (r *Recorder) Write(b []byte) (int, error) {
	if !r.Wrote {
		r.WriteHeader(http.StatusOK)
	}
	keep := b
	if r.Limit > 0 {
		room := max(r.Limit-r.Body.Len(), 0)
		keep = b[:min(room, len(b))]
	}
	r.Body.Write(keep)
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (flush, hijack).
func (r *Recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
