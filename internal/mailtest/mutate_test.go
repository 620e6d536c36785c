package mailtest_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestSetPasswordTakesEffectWithoutRestart(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	for _, tc := range []struct{ user, password string }{
		{"alice", "new alice pass"},
		{"alice", "new alice pasX"}, // same size, same second: the reload must still happen
		{"carol", "still:has:colons"},
		{"dave", "dave's new \"hashed\" pass"},
	} {
		old := s.User(tc.user)
		s.SetPassword(t, old.Login, tc.password)
		u := s.User(tc.user)
		if u.Password != tc.password || u.CRAMCapable != old.CRAMCapable {
			t.Fatalf("User(%q) after SetPassword = %+v", tc.user, u)
		}
		expectLogin(t, s, u, "+OK Logged in.")
		expectLogin(t, s, old, "-ERR [AUTH] Authentication failed.")
	}
}

func expectLogin(t *testing.T, s *mailtest.Server, u mailtest.User, want string) {
	t.Helper()
	c := dialTLS(t, s, s.POP3S)
	c.line()
	if got := c.login(u); got != want {
		t.Fatalf("login as %s: got %q, want %q", u.Login, got, want)
	}
	c.cmd("QUIT")
}

func TestAddMessageAppearsInSTAT(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	s.AddMessage(t, "bob", []byte("Subject: added\n\nbody\n"))
	s.AddMessage(t, "bob@example.test", []byte("Subject: added too\n\nbody\n"))
	c := dialTLS(t, s, s.POP3S)
	c.line()
	expectPrefix(t, "PASS", c.login(s.User("bob")), "+OK Logged in.")
	expectPrefix(t, "STAT", c.cmd("STAT"), "+OK 2 ")
}

func TestReplaceCertificateChangesFingerprintAndCA(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	oldPool := s.CAPool
	before := peerFingerprint(t, s, s.CAPool)
	oldFP, newFP := s.ReplaceCertificate(t)
	if oldFP != before || newFP == oldFP {
		t.Fatalf("ReplaceCertificate returned %s -> %s; the server presented %s before", oldFP, newFP, before)
	}
	if got := peerFingerprint(t, s, s.CAPool); got != newFP {
		t.Fatalf("server presents %s after the swap, want %s", got, newFP)
	}
	var unknown x509UnknownAuthority
	if err := tlsDialErr(s, oldPool); !errors.As(err, &unknown.err) {
		t.Fatalf("the old CA still validates the new certificate (err = %v)", err)
	}
}

func TestStopRefusesConnectionsAndRestartKeepsPorts(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	ports := []int{s.POP3STLS, s.POP3Lenient, s.POP3S, s.SubmissionSTARTTLS, s.SubmissionLenient, s.Submissions}
	s.Stop(t)
	for _, p := range ports {
		if err := dialErr(s, p); !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("port %d after Stop: dial error %v, want connection refused", p, err)
		}
	}
	s.Restart(t)
	after := []int{s.POP3STLS, s.POP3Lenient, s.POP3S, s.SubmissionSTARTTLS, s.SubmissionLenient, s.Submissions}
	for i := range ports {
		if after[i] != ports[i] {
			t.Fatalf("ports changed across Restart: %v -> %v", ports, after)
		}
	}
	expectLogin(t, s, s.User("alice"), "+OK Logged in.")
	c := dialPlain(t, s, s.POP3STLS)
	expectPrefix(t, "greeting through the forwarder after Restart", c.line(), "+OK")
}

func TestMovePOP3SClosesTheOldPort(t *testing.T) {
	t.Parallel()
	s := mailtest.Start(t)
	old := s.POP3S
	if p := s.MovePOP3S(t); p == old || p != s.POP3S {
		t.Fatalf("MovePOP3S returned %d (old %d, field %d)", p, old, s.POP3S)
	}
	if err := dialErr(s, old); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("old POP3S port %d: dial error %v, want connection refused", old, err)
	}
	expectLogin(t, s, s.User("alice"), "+OK Logged in.")
}

func dialErr(s *mailtest.Server, port int) error {
	c, err := net.DialTimeout("tcp", addr(s, port), 2*time.Second)
	if err == nil {
		c.Close()
	}
	return err
}

func peerFingerprint(t *testing.T, s *mailtest.Server, pool *x509CertPool) string {
	t.Helper()
	cfg := tlsConfig(s)
	cfg.RootCAs = pool
	c, err := tls.Dial("tcp", addr(s, s.POP3S), cfg)
	if err != nil {
		t.Fatalf("TLS dial: %v", err)
	}
	defer c.Close()
	return mailtest.Fingerprint(c.ConnectionState().PeerCertificates[0].Raw)
}

func tlsDialErr(s *mailtest.Server, pool *x509CertPool) error {
	cfg := tlsConfig(s)
	cfg.RootCAs = pool
	c, err := tls.Dial("tcp", addr(s, s.POP3S), cfg)
	if err == nil {
		c.Close()
	}
	return err
}

type x509CertPool = x509.CertPool

type x509UnknownAuthority struct{ err x509.UnknownAuthorityError }
