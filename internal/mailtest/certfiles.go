package mailtest

import (
	"path/filepath"
	"testing"
)

// installCerts makes a new CA and server certificate, writes them to tls/
// and publishes the CA as CAFile and CAPool.
func (s *Server) installCerts() error {
	certs, err := newCertSet()
	if err != nil {
		return err
	}
	if err := certs.write(s.tlsDir()); err != nil {
		return err
	}
	s.certs = certs
	s.CAFile = filepath.Join(s.tlsDir(), "ca.crt")
	s.CAPool = certs.pool
	return nil
}

// ReplaceCertificate gives the server a new key and certificate signed by a
// new CA (so the old CA no longer validates it), rewrites CAFile and CAPool
// and restarts. It returns the SHA-256 fingerprints of the old and the new
// server certificate, as upper-case colon-separated hex.
func (s *Server) ReplaceCertificate(t testing.TB) (oldSHA256, newSHA256 string) {
	t.Helper()
	s.life.Lock()
	defer s.life.Unlock()
	oldSHA256 = s.certs.leafSHA256
	if err := s.installCerts(); err != nil {
		t.Fatalf("mailtest: replace certificate: %v", err)
	}
	if err := s.restart(); err != nil {
		t.Fatalf("mailtest: restart after certificate swap: %v", err)
	}
	return oldSHA256, s.certs.leafSHA256
}

// CertSHA256 returns the fingerprint of the server certificate now in use.
func (s *Server) CertSHA256() string {
	s.life.Lock()
	defer s.life.Unlock()
	return s.certs.leafSHA256
}

// MovePOP3S moves the implicit-TLS POP3 listener to a new free port and
// restarts; the old port is closed afterwards.
func (s *Server) MovePOP3S(t testing.TB) (newPort int) {
	t.Helper()
	s.life.Lock()
	defer s.life.Unlock()
	port, err := freePort()
	for err == nil && port == s.POP3S {
		port, err = freePort()
	}
	if err != nil {
		t.Fatalf("mailtest: move POP3S: %v", err)
	}
	s.POP3S = port
	if err := s.restart(); err != nil {
		t.Fatalf("mailtest: restart after moving POP3S: %v", err)
	}
	return port
}
