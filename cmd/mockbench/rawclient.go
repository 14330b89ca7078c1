package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// request is one HTTP/1.1 request of a scenario, before it is written.
type request struct {
	method string
	path   string // path and query, as sent
	header [][2]string
	body   string
}

// appendTo serialises r as HTTP/1.1 keep-alive bytes for host.
func (r request) appendTo(buf []byte, host string) []byte {
	buf = append(buf, r.method...)
	buf = append(buf, ' ')
	buf = append(buf, r.path...)
	buf = append(buf, " HTTP/1.1\r\nHost: "...)
	buf = append(buf, host...)
	buf = append(buf, "\r\n"...)
	for _, h := range r.header {
		buf = append(buf, h[0]...)
		buf = append(buf, ": "...)
		buf = append(buf, h[1]...)
		buf = append(buf, "\r\n"...)
	}
	if r.body != "" || r.method == "POST" {
		buf = append(buf, "Content-Length: "...)
		buf = strconv.AppendInt(buf, int64(len(r.body)), 10)
		buf = append(buf, "\r\n"...)
	}
	buf = append(buf, "\r\n"...)
	return append(buf, r.body...)
}

// load drives conns closed-loop keep-alive connections for d, each writing
// one request and reading its whole answer before the next. It speaks raw
// HTTP/1.1 on the sockets with reused buffers, so the client costs a small
// fraction of what the server under test does (net/http's client costs about
// as much as a bare net/http server, which made it the bottleneck).
func load(ctx context.Context, base string, conns int, d time.Duration, mk func(worker, seq int) request, ok func(status int, body []byte) bool) result {
	u, err := url.Parse(base)
	if err != nil {
		return result{failures: 1, firstErr: err.Error()}
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	lat := make([][]time.Duration, conns)
	var failures atomic.Int64
	var firstErr atomic.Value
	fail := func(msg string) {
		failures.Add(1)
		firstErr.CompareAndSwap(nil, msg)
	}
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat[w] = make([]time.Duration, 0, 1<<14)
			c := &conn{addr: u.Host}
			defer c.close()
			// Closing the socket when the run ends unblocks a pending read.
			stop := context.AfterFunc(ctx, c.close)
			defer stop()
			var out []byte
			for seq := 0; ctx.Err() == nil; seq++ {
				out = mk(w, seq).appendTo(out[:0], u.Host)
				t0 := time.Now()
				status, body, err := c.roundTrip(out)
				if err != nil {
					if ctx.Err() == nil {
						fail(err.Error())
					}
					continue
				}
				lat[w] = append(lat[w], time.Since(t0))
				if !ok(status, body) {
					fail(fmt.Sprintf("status %d: %.200s", status, body))
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	r := result{requests: int64(len(all)), failures: failures.Load()}
	if len(all) > 0 {
		r.rps = float64(len(all)) / elapsed.Seconds()
		r.p50 = all[len(all)*50/100]
		r.p99 = all[min(len(all)-1, len(all)*99/100)]
	}
	if v, ok := firstErr.Load().(string); ok {
		r.firstErr = v
	}
	return r
}

// conn is one keep-alive client connection, redialled when the server closes it.
type conn struct {
	addr string
	mu   sync.Mutex
	nc   net.Conn
	br   *bufio.Reader
	body []byte
}

func (c *conn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.nc != nil {
		_ = c.nc.Close()
	}
}

func (c *conn) dial() error {
	nc, err := net.Dial("tcp", c.addr)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.nc = nc
	c.mu.Unlock()
	if c.br == nil {
		c.br = bufio.NewReaderSize(nc, 64<<10)
	} else {
		c.br.Reset(nc)
	}
	return nil
}

// roundTrip writes req and reads one response; the body slice is valid until
// the next call.
func (c *conn) roundTrip(req []byte) (int, []byte, error) {
	if c.nc == nil {
		if err := c.dial(); err != nil {
			return 0, nil, err
		}
	}
	if _, err := c.nc.Write(req); err != nil {
		c.drop()
		return 0, nil, err
	}
	status, body, closeAfter, err := c.readResponse()
	if err != nil || closeAfter {
		c.drop()
	}
	return status, body, err
}

// drop closes the connection so that the next round trip redials.
func (c *conn) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.nc.Close()
	c.nc = nil
}

var errBadResponse = errors.New("malformed HTTP response")

func (c *conn) readResponse() (status int, body []byte, closeAfter bool, err error) {
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		return 0, nil, false, err
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, nil, false, errBadResponse
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, false, errBadResponse
	}
	length, chunked := -1, false
	for {
		h, err := c.br.ReadSlice('\n')
		if err != nil {
			return 0, nil, false, err
		}
		h = bytes.TrimRight(h, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, _ := bytes.Cut(h, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, nil, false, errBadResponse
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			closeAfter = bytes.EqualFold(value, []byte("close"))
		}
	}
	c.body = c.body[:0]
	switch {
	case chunked:
		err = c.readChunked()
	case length >= 0:
		c.body = slices.Grow(c.body, length)[:length]
		_, err = io.ReadFull(c.br, c.body)
	default:
		c.body, err = io.ReadAll(c.br)
		closeAfter = true
	}
	return status, c.body, closeAfter, err
}

func (c *conn) readChunked() error {
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil {
			return err
		}
		sizeHex, _, _ := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(";"))
		size, err := strconv.ParseInt(string(sizeHex), 16, 32)
		if err != nil {
			return errBadResponse
		}
		if size == 0 {
			for { // trailers, then the blank line
				t, err := c.br.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(bytes.TrimRight(t, "\r\n")) == 0 {
					return nil
				}
			}
		}
		n := len(c.body)
		c.body = slices.Grow(c.body, int(size))[:n+int(size)]
		if _, err := io.ReadFull(c.br, c.body[n:]); err != nil {
			return err
		}
		if _, err := c.br.Discard(2); err != nil {
			return err
		}
	}
}
