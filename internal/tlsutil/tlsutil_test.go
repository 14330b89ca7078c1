package tlsutil

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)

func TestCAIsCreatedOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	ca, err := LoadOrCreateCA(dir, now)
	require.NoError(t, err)
	assert.True(t, ca.Cert.IsCA)
	assert.Equal(t, now.AddDate(10, 0, 0), ca.Cert.NotAfter)
	assert.Equal(t, x509.ECDSA, ca.Cert.PublicKeyAlgorithm)

	st, err := os.Stat(filepath.Join(dir, KeyFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the key is private")
	written, err := os.ReadFile(filepath.Join(dir, CertFile))
	require.NoError(t, err)
	assert.Equal(t, ca.PEM, written)

	again, err := LoadOrCreateCA(dir, now.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, ca.Cert.Raw, again.Cert.Raw, "the same CA on the next start")
}

func TestConcurrentStartsAgree(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	got := make([][]byte, 4)
	for i := range got {
		wg.Go(func() {
			ca, err := LoadOrCreateCA(dir, now)
			if assert.NoError(t, err) {
				got[i] = ca.Cert.Raw
			}
		})
	}
	wg.Wait()
	for _, raw := range got[1:] {
		assert.Equal(t, got[0], raw)
	}
}

func TestIssuedCertificateVerifiesForEveryName(t *testing.T) {
	ca, err := LoadOrCreateCA(t.TempDir(), now)
	require.NoError(t, err)
	cert, err := ca.Issue(ServerNames, now)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(ca.PEM))
	for _, name := range ServerNames {
		_, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: name, Roots: pool, CurrentTime: now})
		assert.NoError(t, err, name)
	}
	_, err = cert.Leaf.Verify(x509.VerifyOptions{DNSName: "api.stripe.com", Roots: pool, CurrentTime: now})
	assert.Error(t, err)
	_, err = cert.Leaf.Verify(x509.VerifyOptions{DNSName: "api.hostdime.com", Roots: x509.NewCertPool(), CurrentTime: now})
	assert.Error(t, err, "untrusted without the CA")
}

func TestBrokenCAFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, KeyFile), []byte("not pem"), 0o600))
	_, err := LoadOrCreateCA(dir, now)
	assert.EqualError(t, err, "tls: "+filepath.Join(dir, KeyFile)+" must hold an EC private key and its certificate; delete it to have a new CA made")
}

func TestServerConfig(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "ca.pem")
	cfg, err := ServerConfig(Options{CADir: dir, CAOut: out}, now)
	require.NoError(t, err)
	assert.Equal(t, []string{"http/1.1"}, cfg.NextProtos)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	kept, err := os.ReadFile(filepath.Join(dir, CertFile))
	require.NoError(t, err)
	assert.Equal(t, kept, written)

	// Your own pair: write the issued leaf and its key out and load them back.
	leaf := cfg.Certificates[0]
	certPath, keyPath := filepath.Join(dir, "own.pem"), filepath.Join(dir, "own-key.pem")
	require.NoError(t, os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Certificate[0]}), 0o600))
	keyDER, err := x509.MarshalPKCS8PrivateKey(leaf.PrivateKey)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600))
	own, err := ServerConfig(Options{CertFile: certPath, KeyFile: keyPath}, now)
	require.NoError(t, err)
	assert.Equal(t, leaf.Certificate[0], own.Certificates[0].Certificate[0])

	_, err = ServerConfig(Options{CertFile: certPath, KeyFile: keyPath, CAOut: out}, now)
	assert.Error(t, err)
	_, err = ServerConfig(Options{CertFile: filepath.Join(dir, "missing.pem"), KeyFile: keyPath}, now)
	assert.ErrorContains(t, err, "tls: load ")
}
