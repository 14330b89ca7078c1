package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGracefulShutdownFinishesInFlight holds a request inside the server with a
// delay fault, sends SIGTERM while it is in flight, and checks that it still
// gets its normal answer, that new connections are refused, and that the
// server exits 0.
func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shutdown.db")
	cmd, base, _, _ := startBinary(t, "--addr", "127.0.0.1:0", "--db", db)

	resp, err := http.Post(base+"/__admin/faults", "application/json",
		strings.NewReader(`{"provider":"gempay","endpoint":"products","kind":"delay","delay":"800ms","times":1}`))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)

	type answer struct {
		status int
		body   string
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, base+"/gempay/api/products", nil)
		req.Header.Set("Authorization", "Bearer gempay-test-key-0001")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- answer{status: resp.StatusCode, body: string(b), err: err}
	}()

	// Wait until the delayed request is inside the server (the fault's delay is
	// real time by design), then ask the server to stop.
	deadline := time.Now().Add(5 * time.Second)
	taken := false
	for !taken && time.Now().Before(deadline) {
		r, err := http.Get(base + "/__admin/faults")
		require.NoError(t, err)
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		// The fault is used up once the in-flight request has taken it.
		if taken = strings.Contains(string(b), `"faults":[]`); !taken {
			time.Sleep(5 * time.Millisecond)
		}
	}
	require.True(t, taken, "the delayed request reached the server")
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	// New connections are refused while the in-flight request finishes.
	refused := false
	for i := 0; i < 100 && !refused; i++ {
		c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: time.Second}
		r, err := c.Get(base + "/__admin/health")
		if err != nil {
			refused = true
			break
		}
		r.Body.Close()
		time.Sleep(5 * time.Millisecond)
	}
	assert.True(t, refused, "new connections are refused after SIGTERM")

	a := <-got
	require.NoError(t, a.err, "the in-flight request completed")
	assert.Equal(t, http.StatusOK, a.status)
	assert.True(t, strings.HasPrefix(a.body, `{"status":"success"`), a.body)

	select {
	case err := <-exited:
		assert.NoError(t, err, "exit code 0")
	case <-time.After(15 * time.Second):
		t.Fatal("server did not exit")
	}
}
