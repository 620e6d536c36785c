package demo_test

import (
	"context"
	"crypto/tls"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/demo"
)

// start runs a demo server for one test and closes it at the end.
func start(t *testing.T, o demo.Options) *demo.Server {
	t.Helper()
	s, err := demo.Start(context.Background(), o)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func addr(s *demo.Server, port int) string { return net.JoinHostPort(s.Host, strconv.Itoa(port)) }

func clientTLS(s *demo.Server) *tls.Config {
	return &tls.Config{RootCAs: s.Roots, ServerName: "localhost", MinVersion: tls.VersionTLS12}
}

// popClient is a minimal POP3 client on net/textproto, enough to drive the
// server through every command; it checks nothing itself.
type popClient struct {
	t    testing.TB
	conn net.Conn
	tp   *textproto.Conn
}

// dialPOP3 connects (with implicit TLS when tlsConf is set) and reads the greeting.
func dialPOP3(t testing.TB, address string, tlsConf *tls.Config) *popClient {
	t.Helper()
	var c net.Conn
	var err error
	if tlsConf != nil {
		c, err = tls.Dial("tcp", address, tlsConf)
	} else {
		c, err = net.Dial("tcp", address)
	}
	if err != nil {
		t.Fatalf("dial %s: %v", address, err)
	}
	p := &popClient{t: t, conn: c, tp: textproto.NewConn(c)}
	t.Cleanup(func() { p.tp.Close() })
	if g := p.line(); !strings.HasPrefix(g, "+OK ") {
		t.Fatalf("greeting = %q, want +OK …", g)
	}
	return p
}

// line reads one reply line.
func (p *popClient) line() string {
	p.t.Helper()
	l, err := p.tp.ReadLine()
	if err != nil {
		p.t.Fatalf("reading reply: %v", err)
	}
	return l
}

// cmd sends one command and returns the first reply line.
func (p *popClient) cmd(format string, a ...any) string {
	p.t.Helper()
	if err := p.tp.PrintfLine(format, a...); err != nil {
		p.t.Fatalf("sending %q: %v", strings.Fields(format)[0], err)
	}
	return p.line()
}

// multi sends a command that answers "+OK" plus lines, and returns the lines (dot-unstuffed).
func (p *popClient) multi(format string, a ...any) []string {
	p.t.Helper()
	if first := p.cmd(format, a...); !strings.HasPrefix(first, "+OK") {
		p.t.Fatalf("%s: %q, want +OK", format, first)
	}
	lines, err := p.tp.ReadDotLines()
	if err != nil {
		p.t.Fatalf("%s: reading lines: %v", format, err)
	}
	return lines
}

// stls upgrades the connection and switches to the TLS stream.
func (p *popClient) stls(tlsConf *tls.Config) {
	p.t.Helper()
	if r := p.cmd("STLS"); r != "+OK Begin TLS negotiation now." {
		p.t.Fatalf("STLS = %q", r)
	}
	tc := tls.Client(p.conn, tlsConf)
	if err := tc.Handshake(); err != nil {
		p.t.Fatalf("TLS handshake after STLS: %v", err)
	}
	p.conn, p.tp = tc, textproto.NewConn(tc)
}

// login logs in with USER/PASS and fails the test unless it works.
func (p *popClient) login(user, pass string) {
	p.t.Helper()
	if r := p.cmd("USER %s", user); r != "+OK" {
		p.t.Fatalf("USER = %q", r)
	}
	if r := p.cmd("PASS %s", pass); r != "+OK Logged in." {
		p.t.Fatalf("PASS = %q", r)
	}
}

// closed reports whether the server has closed the connection.
func (p *popClient) closed() bool {
	_, err := p.tp.ReadLine()
	return err != nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
