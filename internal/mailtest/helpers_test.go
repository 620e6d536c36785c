package mailtest_test

import (
	"crypto/tls"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// session is a minimal line-based client for the harness's own tests.
type session struct {
	t    testing.TB
	conn net.Conn
	text *textproto.Conn
}

func addr(s *mailtest.Server, port int) string {
	return net.JoinHostPort(s.Host, strconv.Itoa(port))
}

func tlsConfig(s *mailtest.Server) *tls.Config {
	return &tls.Config{RootCAs: s.CAPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
}

func dialPlain(t testing.TB, s *mailtest.Server, port int) *session {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr(s, port), 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr(s, port), err)
	}
	return newSession(t, c)
}

func dialTLS(t testing.TB, s *mailtest.Server, port int) *session {
	t.Helper()
	d := &tls.Dialer{NetDialer: &net.Dialer{Timeout: 5 * time.Second}, Config: tlsConfig(s)}
	c, err := d.Dial("tcp", addr(s, port))
	if err != nil {
		t.Fatalf("TLS dial %s: %v", addr(s, port), err)
	}
	return newSession(t, c)
}

func newSession(t testing.TB, c net.Conn) *session {
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	ss := &session{t: t, conn: c, text: textproto.NewConn(c)}
	t.Cleanup(func() { ss.conn.Close() })
	return ss
}

// startTLS upgrades the connection after the server agreed to STLS/STARTTLS.
func (ss *session) startTLS(s *mailtest.Server) {
	ss.t.Helper()
	tc := tls.Client(ss.conn, tlsConfig(s))
	if err := tc.Handshake(); err != nil {
		ss.t.Fatalf("TLS handshake after STLS/STARTTLS: %v", err)
	}
	ss.conn = tc
	ss.text = textproto.NewConn(tc)
}

func (ss *session) line() string {
	ss.t.Helper()
	l, err := ss.text.ReadLine()
	if err != nil {
		ss.t.Fatalf("read reply: %v", err)
	}
	return l
}

// cmd sends one line and returns the first reply line.
func (ss *session) cmd(format string, args ...any) string {
	ss.t.Helper()
	if err := ss.text.PrintfLine(format, args...); err != nil {
		ss.t.Fatalf("send: %v", err)
	}
	return ss.line()
}

// smtpReply reads a possibly multi-line SMTP reply and returns its last line.
func (ss *session) smtpReply() string {
	ss.t.Helper()
	for {
		l := ss.line()
		if len(l) < 4 || l[3] != '-' {
			return l
		}
	}
}

func (ss *session) smtpCmd(format string, args ...any) string {
	ss.t.Helper()
	if err := ss.text.PrintfLine(format, args...); err != nil {
		ss.t.Fatalf("send: %v", err)
	}
	return ss.smtpReply()
}

func expectPrefix(t testing.TB, what, got, prefix string) {
	t.Helper()
	if !strings.HasPrefix(got, prefix) {
		t.Fatalf("%s: got %q, want a line starting with %q", what, got, prefix)
	}
}
