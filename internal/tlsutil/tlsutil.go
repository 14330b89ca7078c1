// Package tlsutil gives the mock HTTPS under the providers' real host names: a
// local certificate authority, created once and kept on disk so that clients
// trust it once, and a server certificate it signs at every start.
package tlsutil

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// File names of the CA inside its directory. The key file holds the key and
// the certificate together, so that one atomic link publishes both.
const (
	CertFile = "mocksuite-ca.pem"
	KeyFile  = "mocksuite-ca-key.pem"
)

// ServerNames are the names every server certificate covers besides the
// providers' real hosts (Options.Hosts, from the provider registry):
// localhost and the loopback addresses.
var ServerNames = []string{"localhost", "127.0.0.1", "::1"}

// CA is the local certificate authority.
type CA struct {
	Cert *x509.Certificate
	Key  *ecdsa.PrivateKey
	PEM  []byte // the certificate, PEM-encoded, for clients to trust
}

// LoadOrCreateCA loads the CA kept in dir, creating it (ECDSA P-256, valid ten
// years) on first use. Two servers starting together agree on one CA.
func LoadOrCreateCA(dir string, now time.Time) (*CA, error) {
	keyPath := filepath.Join(dir, KeyFile)
	ca, err := loadCA(keyPath)
	if err == nil {
		return ca, ensureCertFile(dir, ca)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tls: create CA directory: %w", err)
	}
	ca, keyPEM, err := newCA(now)
	if err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, ".mocksuite-ca-*")
	if err != nil {
		return nil, fmt.Errorf("tls: write CA: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(keyPEM, ca.PEM...)); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("tls: write CA: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("tls: write CA: %w", err)
	}
	// Link fails when the file exists: a server that lost the race uses the
	// winner's CA instead of overwriting it.
	if err := os.Link(tmp.Name(), keyPath); err != nil {
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("tls: publish CA %s: %w", keyPath, err)
		}
		if ca, err = loadCA(keyPath); err != nil {
			return nil, err
		}
	}
	return ca, ensureCertFile(dir, ca)
}

func newCA(now time.Time) (*CA, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("tls: generate CA key: %w", err)
	}
	serial, err := serialNumber()
	if err != nil {
		return nil, nil, err
	}
	tpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"mocksuite"}, CommonName: "mocksuite local CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("tls: sign CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("tls: parse CA: %w", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("tls: encode CA key: %w", err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	return &CA{Cert: cert, Key: key, PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, keyPEM, nil
}

func loadCA(keyPath string) (*CA, error) {
	data, err := os.ReadFile(keyPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("tls: read CA %s: %w", keyPath, err)
	}
	ca := &CA{}
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		switch block.Type {
		case "EC PRIVATE KEY":
			if ca.Key, err = x509.ParseECPrivateKey(block.Bytes); err != nil {
				return nil, fmt.Errorf("tls: CA key in %s: %w", keyPath, err)
			}
		case "CERTIFICATE":
			if ca.Cert, err = x509.ParseCertificate(block.Bytes); err != nil {
				return nil, fmt.Errorf("tls: CA certificate in %s: %w", keyPath, err)
			}
			ca.PEM = pem.EncodeToMemory(block)
		}
	}
	if ca.Key == nil || ca.Cert == nil {
		return nil, fmt.Errorf("tls: %s must hold an EC private key and its certificate; delete it to have a new CA made", keyPath)
	}
	return ca, nil
}

// ensureCertFile (re)writes the CA certificate beside its key, for clients.
func ensureCertFile(dir string, ca *CA) error {
	return WriteCert(filepath.Join(dir, CertFile), ca.PEM)
}

// WriteCert writes a PEM certificate to path (--tls-ca-out).
func WriteCert(path string, pemBytes []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(pemBytes) {
		return nil
	}
	if err := os.WriteFile(path, pemBytes, 0o644); err != nil {
		return fmt.Errorf("tls: write CA certificate %s: %w", path, err)
	}
	return nil
}

// Issue signs a server certificate for names (hosts or IP addresses), valid
// for a year from now. It lives in memory only: each start issues a fresh one.
func (ca *CA) Issue(names []string, now time.Time) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls: generate server key: %w", err)
	}
	serial, err := serialNumber()
	if err != nil {
		return tls.Certificate{}, err
	}
	tpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{Organization: []string{"mocksuite"}, CommonName: names[0]},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tpl.IPAddresses = append(tpl.IPAddresses, ip)
		} else {
			tpl.DNSNames = append(tpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca.Cert, &key.PublicKey, ca.Key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls: sign server certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("tls: parse server certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der, ca.Cert.Raw}, PrivateKey: key, Leaf: leaf}, nil
}

func serialNumber() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("tls: serial number: %w", err)
	}
	return n, nil
}

// Options say where the server's certificate comes from.
type Options struct {
	CertFile, KeyFile string // your own pair; the CA is then not used
	CADir             string // where the local CA lives
	CAOut             string // also write the CA certificate here, when set
	// Hosts are the providers' real host names, which the certificate the
	// local CA signs covers beside ServerNames.
	Hosts []string
}

// ServerConfig returns the TLS configuration of the HTTPS listener. It speaks
// HTTP/1.1 only, so that a connection-reset fault is a real reset there too.
func ServerConfig(o Options, now time.Time) (*tls.Config, error) {
	var cert tls.Certificate
	if o.CertFile != "" {
		c, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("tls: load %s and %s: %w", o.CertFile, o.KeyFile, err)
		}
		cert = c
		if o.CAOut != "" {
			return nil, errors.New("tls: --tls-ca-out writes the local CA, which is not used with --tls-cert; give your clients your own CA")
		}
	} else {
		ca, err := LoadOrCreateCA(o.CADir, now)
		if err != nil {
			return nil, err
		}
		if o.CAOut != "" {
			if err := WriteCert(o.CAOut, ca.PEM); err != nil {
				return nil, err
			}
		}
		if cert, err = ca.Issue(append(slices.Clone(o.Hosts), ServerNames...), now); err != nil {
			return nil, err
		}
	}
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"http/1.1"},
	}, nil
}
