package pop3

import (
	"errors"
	"net"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-sasl"
)

// login runs greeting and CAPA, then logs in with how.
func login(t *testing.T, f *fakeServer, greeting string, how func(*Client) error) *Client {
	t.Helper()
	c := f.start(t, greeting)
	if _, err := c.Greeting(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Capa(); err != nil {
		t.Fatal(err)
	}
	if err := how(c); err != nil {
		t.Fatalf("login: %v", err)
	}
	return c
}

// TestNoPipeliningAcrossStateChange: with PIPELINING advertised, every login
// form waits for its reply before the mailbox commands go out, and a server
// that drops input at the state change (Courier, Cyrus) still answers them.
func TestNoPipeliningAcrossStateChange(t *testing.T) {
	const greeting = "+OK Hello there. <1896.697170952@dbc.mtview.ca.us>"
	logins := map[string]func(*Client) error{
		"AUTH PLAIN": func(c *Client) error { return c.Auth(sasl.NewPlainClient("", "alice", "secret")) },
		"USER/PASS": func(c *Client) error {
			if err := c.User("alice"); err != nil {
				return err
			}
			return c.Pass("secret")
		},
		"APOP": func(c *Client) error { return c.APOP("alice", "secret") },
		"STLS then AUTH": func(c *Client) error {
			if err := c.STLS(func(conn net.Conn) (net.Conn, error) { return conn, nil }); err != nil {
				return err
			}
			if _, err := c.Capa(); err != nil {
				return err
			}
			return c.Auth(sasl.NewPlainClient("", "alice", "secret"))
		},
	}
	for name, how := range logins {
		t.Run(name, func(t *testing.T) {
			f := &fakeServer{answer: courierLike}
			c := login(t, f, greeting, how)
			st, uid, uidErr, err := c.StatUIDL(1)
			if err != nil || uidErr != nil || st != (Stat{2, 320}) || uid != "UID1-abc" {
				t.Fatalf("StatUIDL: %+v %q %v %v", st, uid, uidErr, err)
			}
			if err := c.Quit(); err != nil {
				t.Fatal(err)
			}
			f.checkNoViolation(t)
		})
	}
}

// TestStatUIDLPipelinedOnlyWhenAdvertised: after the login STAT and UIDL
// share one write when the server lists PIPELINING, and not otherwise.
func TestStatUIDLPipelinedOnlyWhenAdvertised(t *testing.T) {
	for _, piped := range []bool{true, false} {
		answer := courierLike
		if !piped {
			answer = func(cmd string) []string {
				if cmd == "CAPA" {
					return []string{"+OK", "USER", "UIDL", "."}
				}
				return courierLike(cmd)
			}
		}
		f := &fakeServer{answer: answer}
		// "Pipelined" is observed as STAT arriving with UIDL buffered behind it;
		// the fake flags buffered input only at state changes, so count writes.
		c := login(t, f, "+OK ready", func(c *Client) error { return c.Auth(sasl.NewPlainClient("", "alice", "secret")) })
		w := &countingConn{Conn: c.conn}
		c.conn, c.tc = w, nil
		if _, _, _, err := c.StatUIDL(1); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 1, false: 2}[piped]; w.writes != want {
			t.Errorf("PIPELINING %v: %d writes for STAT and UIDL, want %d", piped, w.writes, want)
		}
		f.checkNoViolation(t)
	}
}

type countingConn struct {
	net.Conn
	writes int
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes++
	return c.Conn.Write(p)
}

// TestStatUIDLNeedsLogin: the mailbox commands are refused before a login.
func TestStatUIDLNeedsLogin(t *testing.T) {
	f := &fakeServer{answer: courierLike}
	c := f.start(t, "+OK ready")
	if _, _, _, err := c.StatUIDL(1); !errors.Is(err, ErrNotLoggedIn) {
		t.Fatalf("err %v, want ErrNotLoggedIn", err)
	}
}

// TestAuthFailureSendsNoCancel: after a final -ERR to AUTH the client sends
// nothing more for that exchange (no "*"), so the next command is the
// caller's; the refusal comes back as *Error with the RFC 3206 code.
func TestAuthFailureSendsNoCancel(t *testing.T) {
	f := &fakeServer{answer: courierLike}
	c := f.start(t, "+OK ready")
	if _, err := c.Greeting(); err != nil {
		t.Fatal(err)
	}
	err := c.Auth(sasl.NewPlainClient("", "alice", "wrong"))
	var e *Error
	if !errors.As(err, &e) || e.Code != "AUTH" || e.Text != "Login failed." {
		t.Fatalf("err %#v", err)
	}
	if err := c.Quit(); err != nil {
		t.Fatal(err)
	}
	if got := f.lines(); len(got) != 2 || got[1] != "QUIT" {
		t.Errorf("lines after the refusal: %q", got)
	}
}

// TestAuthAbortsEndlessChallenges: a server that never ends the exchange is
// answered with "*" while it waits, after maxSASLSteps challenges.
func TestAuthAbortsEndlessChallenges(t *testing.T) {
	f := &fakeServer{answer: func(cmd string) []string {
		if cmd == "*" {
			return []string{"-ERR Authentication aborted."}
		}
		return []string{"+ VXNlcm5hbWU6"}
	}}
	c := f.start(t, "+OK ready")
	if _, err := c.Greeting(); err != nil {
		t.Fatal(err)
	}
	if err := c.Auth(echoClient{}); !errors.Is(err, ErrTooManySteps) {
		t.Fatalf("err %v", err)
	}
	got := f.lines()
	if got[len(got)-1] != "*" || len(got) != maxSASLSteps+2 {
		t.Errorf("%d lines, last %q", len(got), got[len(got)-1])
	}
}

// TestSTLSRefusedAndInjection: -ERR to STLS is *Error and nothing else is
// sent; bytes after the +OK are refused before any handshake.
func TestSTLSRefusedAndInjection(t *testing.T) {
	refuse := &fakeServer{answer: func(string) []string { return []string{"-ERR not here"} }}
	c := refuse.start(t, "+OK ready")
	_, _ = c.Greeting()
	called := false
	err := c.STLS(func(conn net.Conn) (net.Conn, error) { called = true; return conn, nil })
	var e *Error
	if !errors.As(err, &e) || called {
		t.Errorf("refused STLS: err %v, handshake called %v", err, called)
	}
	inject := &fakeServer{answer: func(string) []string { return []string{"+OK go ahead", "+OK injected"} }}
	c = inject.start(t, "+OK ready")
	_, _ = c.Greeting()
	called = false
	err = c.STLS(func(conn net.Conn) (net.Conn, error) { called = true; return conn, nil })
	if !errors.Is(err, ErrDataAfterTLS) || called {
		t.Errorf("injected STLS: err %v, handshake called %v", err, called)
	}
}

// TestBounds: an endless line and an endless multi-line reply stop at the bounds.
func TestBounds(t *testing.T) {
	long := &fakeServer{answer: func(string) []string { return []string{"+OK " + strings.Repeat("x", 100)} }}
	c := long.start(t, "+OK ready")
	c.MaxLineLength = 64
	if _, err := c.Greeting(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.text().cmd("NOOP"); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("long line: %v", err)
	}
	many := &fakeServer{answer: func(string) []string {
		return append(append([]string{"+OK"}, slices.Repeat([]string{"X"}, 50)...), ".")
	}}
	c = many.start(t, "+OK ready")
	c.MaxLines = 10
	_, _ = c.Greeting()
	if _, err := c.Capa(); !errors.Is(err, ErrTooManyLines) {
		t.Errorf("many lines: %v", err)
	}
}

// TestGreetingOfAnotherProtocol: an SMTP greeting is a *ProtocolError with the line.
func TestGreetingOfAnotherProtocol(t *testing.T) {
	f := &fakeServer{answer: courierLike}
	c := f.start(t, "220 mail.example ESMTP")
	_, err := c.Greeting()
	var pe *ProtocolError
	if !errors.As(err, &pe) || pe.Line != "220 mail.example ESMTP" {
		t.Fatalf("err %v", err)
	}
}

// TestUIDLsAndTop read multi-line replies with dot-stuffing undone.
func TestUIDLsAndTop(t *testing.T) {
	f := &fakeServer{answer: func(cmd string) []string {
		switch {
		case cmd == "CAPA":
			return []string{"+OK", "."}
		case cmd == "UIDL":
			return []string{"+OK", "1 a", "2 b", "."}
		case strings.HasPrefix(cmd, "TOP"):
			return []string{"+OK", "Subject: x", "", "..dot", "."}
		}
		return []string{"+OK"}
	}}
	c := login(t, f, "+OK <1.2@x>", func(c *Client) error { return c.APOP("alice", "secret") })
	ids, err := c.UIDLs()
	if err != nil || len(ids) != 2 || ids[1] != (UID{2, "b"}) {
		t.Errorf("UIDLs %v %v", ids, err)
	}
	lines, err := c.Top(1, 0)
	if err != nil || !slices.Equal(lines, []string{"Subject: x", "", ".dot"}) {
		t.Errorf("TOP %q %v", lines, err)
	}
}

// echoClient is a SASL mechanism that answers any number of challenges.
type echoClient struct{}

func (echoClient) Start() (string, []byte, error) { return "X-ECHO", nil, nil }
func (echoClient) Next(ch []byte) ([]byte, error) { return ch, nil }
