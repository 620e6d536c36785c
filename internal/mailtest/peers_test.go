package mailtest_test

import (
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// line-level sessions against the peers, with their own CA pool.
func dialPeer(t *testing.T, addr string, cfg *tls.Config) *session {
	t.Helper()
	var c net.Conn
	var err error
	if cfg != nil {
		c, err = tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, cfg)
	} else {
		c, err = net.DialTimeout("tcp", addr, 5*time.Second)
	}
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	return newSession(t, c)
}

// TestCourier: both ports greet, alice logs in over POP3S and sees her
// three messages, STLS is required before a login on the plain port, and
// a wrong password is refused.
func TestCourier(t *testing.T) {
	c := mailtest.SharedCourier(t)
	cfg := &tls.Config{RootCAs: c.CAPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	alice := c.User("alice")
	s := dialPeer(t, c.Addr(c.POP3S), cfg)
	expectPrefix(t, "greeting", s.line(), "+OK")
	expectPrefix(t, "login", s.login(alice), "+OK")
	expectPrefix(t, "STAT", s.cmd("STAT"), "+OK 3 ")
	s.cmd("QUIT")

	plain := dialPeer(t, c.Addr(c.POP3STLS), nil)
	plain.line()
	if r := plain.cmd("USER %s", alice.Login); !strings.HasPrefix(r, "-ERR") {
		t.Errorf("USER before STLS: %q, want -ERR", r)
	}
	expectPrefix(t, "STLS", plain.cmd("STLS"), "+OK")
}

// TestPostfix: both ports greet; AUTH is offered only after STARTTLS.
func TestPostfix(t *testing.T) {
	p := mailtest.SharedPostfix(t)
	cfg := &tls.Config{RootCAs: p.CAPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	s := dialPeer(t, p.Addr(p.Submissions), cfg)
	expectPrefix(t, "greeting", s.line(), "220 localhost ESMTP Postfix")
	ehlo := s.cmd("EHLO client.test")
	for !strings.HasPrefix(ehlo, "250 ") {
		if strings.HasPrefix(ehlo, "250-AUTH") && !strings.Contains(ehlo, "PLAIN") {
			t.Errorf("AUTH line %q", ehlo)
		}
		ehlo = s.line()
	}
	plain := dialPeer(t, p.Addr(p.Submission), nil)
	plain.line()
	for l := plain.cmd("EHLO client.test"); ; l = plain.line() {
		if strings.HasPrefix(l, "250-AUTH") || strings.HasPrefix(l, "250 AUTH") {
			t.Errorf("AUTH offered before STARTTLS: %q", l)
		}
		if strings.HasPrefix(l, "250 ") {
			break
		}
	}
}

// TestExim: both ports greet; AUTH is offered only over TLS, and alice
// logs in there; a "*" after a final AUTH reply is logged as a syntax error.
func TestExim(t *testing.T) {
	x := mailtest.SharedExim(t)
	cfg := &tls.Config{RootCAs: x.CAPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	s := dialPeer(t, x.Addr(x.Submissions), cfg)
	expectPrefix(t, "greeting", s.line(), "220 localhost ESMTP Exim")
	for l := s.cmd("EHLO client.test"); !strings.HasPrefix(l, "250 "); l = s.line() {
	}
	alice := x.User("alice")
	// What go-smtp v0.25.1 does after a 535, and what Exim thinks of it:
	// the verify suites count on this line to catch such a client.
	expectPrefix(t, "wrong AUTH", s.cmd("AUTH PLAIN %s", plainIR(alice.Login, "wrong")), "535")
	s.cmd("*")
	for i := 0; !strings.Contains(x.Log(), "SMTP syntax error"); i++ {
		if i == 100 {
			t.Fatalf("Exim did not log \"*\" after a 535 as a syntax error:\n%s", x.LogTail(10))
		}
		time.Sleep(50 * time.Millisecond)
	}
	expectPrefix(t, "AUTH", s.cmd("AUTH PLAIN %s", plainIR(alice.Login, alice.Password)), "235")
	plain := dialPeer(t, x.Addr(x.Submission), nil)
	plain.line()
	for l := plain.cmd("EHLO client.test"); ; l = plain.line() {
		if strings.Contains(l, "AUTH") {
			t.Errorf("AUTH offered before STARTTLS: %q", l)
		}
		if strings.HasPrefix(l, "250 ") {
			break
		}
	}
}

// TestCyrus: both ports greet, alice logs in over POP3S and sees her three
// messages, a login before STLS is refused on the plain port, erin logs in
// without a domain, and what Cyrus logs through syslog reaches its log
// (the login, with TLS).
func TestCyrus(t *testing.T) {
	c := mailtest.SharedCyrus(t)
	cfg := &tls.Config{RootCAs: c.CAPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	s := dialPeer(t, c.Addr(c.POP3S), cfg)
	expectPrefix(t, "greeting", s.line(), "+OK localhost Cyrus POP3")
	expectPrefix(t, "login", s.login(c.User("alice")), "+OK")
	expectPrefix(t, "STAT", s.cmd("STAT"), "+OK 3 ")
	s.cmd("QUIT")

	e := dialPeer(t, c.Addr(c.POP3S), cfg)
	e.line()
	expectPrefix(t, "erin's login", e.login(c.User("erin")), "+OK")
	e.cmd("QUIT")

	plain := dialPeer(t, c.Addr(c.POP3STLS), nil)
	plain.line()
	plain.cmd("USER %s", c.User("bob").Login)
	if r := plain.cmd("PASS %s", c.User("bob").Password); !strings.HasPrefix(r, "-ERR") {
		t.Errorf("a login before STLS: %q, want -ERR", r)
	}
	if !strings.Contains(c.Log(), "alice@example.test PLAIN+TLS User logged in") &&
		!strings.Contains(c.Log(), "alice@example.test plaintext+TLS User logged in") {
		t.Errorf("the log lacks alice's login over TLS:\n%s", c.LogTail(30))
	}
}
