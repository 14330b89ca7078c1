package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTLSConfig(t *testing.T) {
	c := Default()
	assert.Equal(t, TLS{Addr: "127.0.0.1:8443"}, c.TLS)
	require.NoError(t, c.LoadYAML([]byte("tls:\n  enabled: true\n  ca_out: ca.pem\n")))
	assert.Equal(t, TLS{Enabled: true, Addr: "127.0.0.1:8443", CAOut: "ca.pem"}, c.TLS)
	require.NoError(t, c.Validate())

	env := map[string]string{"MOCK_TLS": "true", "MOCK_TLS_ADDR": ":9443", "MOCK_TLS_CERT": "c.pem", "MOCK_TLS_KEY": "k.pem", "MOCK_TLS_CA_DIR": "/ca", "MOCK_TLS_CA_OUT": ""}
	c = Default()
	require.NoError(t, c.ApplyEnv(func(k string) string { return env[k] }))
	assert.Equal(t, TLS{Enabled: true, Addr: ":9443", Cert: "c.pem", Key: "k.pem", CADir: "/ca"}, c.TLS)
	require.NoError(t, c.Validate())

	c = Default()
	assert.EqualError(t, c.ApplyEnv(func(k string) string { return map[string]string{"MOCK_TLS": "yes please"}[k] }), `config: MOCK_TLS: "yes please" is not a boolean`)

	for _, bad := range []struct {
		t   TLS
		msg string
	}{
		{TLS{Enabled: true}, "config: tls.addr: must not be empty when tls is enabled"},
		{TLS{Enabled: true, Addr: ":1", Cert: "c.pem"}, "config: tls.cert, tls.key: give both or neither"},
		{TLS{Enabled: true, Addr: ":1", Cert: "c.pem", Key: "k.pem", CAOut: "ca.pem"}, "config: tls.ca_out: the local CA is not used with your own tls.cert; give clients your own CA"},
	} {
		c = Default()
		c.TLS = bad.t
		assert.EqualError(t, c.Validate(), bad.msg)
	}
	c = Default()
	c.TLS = TLS{Cert: "only-cert.pem"}
	assert.NoError(t, c.Validate(), "not checked while tls is off")
}

func TestCADirFor(t *testing.T) {
	c := Default()
	c.DB = "/var/lib/mock/mock.db"
	assert.Equal(t, "/var/lib/mock", c.CADirFor())
	c.DB = "mock.db"
	assert.Equal(t, ".", c.CADirFor())
	c.DB = ":memory:"
	assert.Equal(t, filepath.Join(os.TempDir(), "mocksuite"), c.CADirFor())
	c.TLS.CADir = "/etc/mock-ca"
	assert.Equal(t, "/etc/mock-ca", c.CADirFor())
}
