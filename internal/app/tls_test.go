package app_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/providers"
	"github.com/mocksuite/mocksuite/internal/tlsutil"
)

// TestRealHostnameOverTLS is the hosts-file recipe without touching the hosts
// file: a client keeps https://api.hostdime.com, trusts only the CA the server
// wrote, and a custom dialer stands in for the DNS override.
func TestRealHostnameOverTLS(t *testing.T) {
	dir := t.TempDir()
	cfg := providers.DefaultConfig()
	cfg.DB = filepath.Join(dir, "mock.db")
	cfg.TLS.Enabled = true
	cfg.TLS.CAOut = filepath.Join(dir, "trust-me.pem")
	a, err := newApp(cfg)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	tlsLn, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.ServeTLS(ctx, ln, tlsLn) }()
	t.Cleanup(func() {
		stop()
		assert.NoError(t, <-done)
		_ = a.Close()
	})

	_, err = os.Stat(filepath.Join(dir, tlsutil.KeyFile))
	require.NoError(t, err, "the CA is kept beside the DB")
	caPEM, err := os.ReadFile(cfg.TLS.CAOut)
	require.NoError(t, err)
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(caPEM))

	dialer := &net.Dialer{}
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, tlsLn.Addr().String())
		},
	}
	client := &http.Client{Transport: tr}
	t.Cleanup(tr.CloseIdleConnections)
	res, err := client.Get("https://api.hostdime.com/v1/utility/echo.json")
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	assert.Equal(t, "HTTP/1.1", res.Proto)
	assert.Equal(t, "api.hostdime.com", res.TLS.ServerName)

	got := a.Journal.List(journal.Filter{})
	require.Len(t, got, 1)
	assert.Equal(t, "hostdime", got[0].Provider, "routed by Host to the hostdime handler")
	assert.Equal(t, "/v1/utility/echo.json", got[0].Path)
	assert.Equal(t, res.StatusCode, got[0].Status)

	// A client that does not trust the CA is refused.
	plain := &http.Client{Transport: &http.Transport{DialContext: tr.DialContext}}
	_, err = plain.Get("https://api.hostdime.com/v1/utility/echo.json")
	var unknown x509.UnknownAuthorityError
	assert.True(t, errors.As(err, &unknown), "got %v", err)

	// Plain HTTP keeps working beside it.
	res, err = http.Get("http://" + ln.Addr().String() + "/__admin/health")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
}

func TestTLSListenerNeedsTLSConfig(t *testing.T) {
	cfg := providers.DefaultConfig()
	cfg.DB = ":memory:"
	a, err := newApp(cfg)
	require.NoError(t, err)
	defer a.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = a.ServeTLS(context.Background(), ln, ln)
	assert.EqualError(t, err, "serve: an HTTPS listener needs tls enabled in the config")
}
