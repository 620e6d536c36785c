package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// certSet is a throwaway CA and a server certificate it signed, PEM-encoded.
type certSet struct {
	caPEM, certPEM, keyPEM []byte
	leafSHA256             string // fingerprint of the server certificate
	pool                   *x509.CertPool
}

// newCertSet makes a fresh CA and a server certificate for localhost,
// 127.0.0.1 and ::1, valid from an hour ago for 30 days.
func newCertSet() (certSet, error) {
	caKey, caCert, err := newCA()
	if err != nil {
		return certSet{}, err
	}
	leafKey, leafDER, err := newLeaf(caKey, caCert)
	if err != nil {
		return certSet{}, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(leafKey)
	if err != nil {
		return certSet{}, fmt.Errorf("encode server key: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	return certSet{
		caPEM:      pemBlock("CERTIFICATE", caCert.Raw),
		certPEM:    pemBlock("CERTIFICATE", leafDER),
		keyPEM:     pemBlock("PRIVATE KEY", keyDER),
		leafSHA256: Fingerprint(leafDER),
		pool:       pool,
	}, nil
}

func newCA() (*ecdsa.PrivateKey, *x509.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate CA key: %w", err)
	}
	tmpl := certTemplate("mailtest throwaway CA")
	tmpl.IsCA = true
	tmpl.BasicConstraintsValid = true
	tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("sign CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("parse CA certificate: %w", err)
	}
	return key, cert, nil
}

func newLeaf(caKey *ecdsa.PrivateKey, ca *x509.Certificate) (*ecdsa.PrivateKey, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate server key: %w", err)
	}
	tmpl := certTemplate("localhost")
	tmpl.DNSNames = []string{"localhost"}
	tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, nil, fmt.Errorf("sign server certificate: %w", err)
	}
	return key, der, nil
}

func certTemplate(commonName string) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	now := time.Now()
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: commonName, Organization: []string{"setupwiz tests"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(30 * 24 * time.Hour),
	}
}

func pemBlock(kind string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der})
}

// Fingerprint returns the SHA-256 of a DER certificate as upper-case,
// colon-separated hex ("AB:CD:…"), the form browsers and mail clients show.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// write stores ca.crt, server.crt and server.key (0600) in dir.
func (c certSet) write(dir string) error {
	files := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"ca.crt", c.caPEM, 0o644},
		{"server.crt", c.certPEM, 0o644},
		{"server.key", c.keyPEM, 0o600},
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data, f.mode); err != nil {
			return err
		}
	}
	return nil
}
