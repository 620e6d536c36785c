package demo

import (
	"errors"
	"net"
	"strings"
)

// maxAuthFailures is how many failed logins a connection gets before it is closed.
const maxAuthFailures = 3

// pop3Session is one client connection, from greeting to QUIT (RFC 1939 section 3).
// It starts in the AUTHORIZATION state and moves to TRANSACTION after a login.
type pop3Session struct {
	srv      *pop3Server
	c        *pop3Conn
	tls      bool   // the connection is encrypted (implicit TLS or after STLS)
	user     string // the name given with USER, waiting for PASS
	authed   bool
	failures int
	msgs     []message // the maildrop as it was at login
	deleted  []bool    // DELE marks; RSET clears them; nothing is removed for real
	quit     bool
}

// run serves the connection until QUIT, an error, a too-long line or an idle timeout.
func (s *pop3Session) run() {
	defer func() { s.c.conn.Close() }()
	if err := s.c.ok("setupwiz demo POP3 server ready."); err != nil {
		return
	}
	for !s.quit {
		line, err := s.c.readLine()
		if err == nil {
			err = s.dispatch(line)
		}
		if err != nil {
			s.ending(err)
			return
		}
	}
}

// ending tells the client why the server hangs up, when there is something to say.
func (s *pop3Session) ending(err error) {
	var ne net.Error
	switch {
	case errors.Is(err, errLineTooLong):
		s.c.fail("Input line too long, disconnecting.")
	case errors.As(err, &ne) && ne.Timeout():
		s.c.fail("Disconnected for inactivity.")
	}
}

// dispatch runs one command line. Commands are case-insensitive (RFC 1939 section 3).
func (s *pop3Session) dispatch(line string) error {
	cmd, arg, _ := strings.Cut(line, " ")
	switch cmd = strings.ToUpper(cmd); {
	case cmd == "CAPA":
		return s.c.multi("", s.capabilities())
	case cmd == "NOOP":
		return s.c.ok("")
	case cmd == "QUIT":
		s.quit = true
		return s.c.ok("Logging out.")
	case !s.authed:
		return s.authorization(cmd, arg)
	default:
		return s.transaction(cmd, arg)
	}
}

// authorization handles the commands allowed before login.
func (s *pop3Session) authorization(cmd, arg string) error {
	switch cmd {
	case "USER":
		return s.userCmd(arg)
	case "PASS":
		return s.passCmd(arg)
	case "AUTH":
		return s.authCmd(arg)
	case "STLS":
		return s.stls()
	}
	return s.c.fail("Unknown command.")
}

// transaction handles the commands allowed after login.
func (s *pop3Session) transaction(cmd, arg string) error {
	switch cmd {
	case "STAT":
		return s.stat()
	case "LIST":
		return s.list(arg)
	case "UIDL":
		return s.uidl(arg)
	case "TOP":
		return s.top(arg)
	case "RETR":
		return s.retr(arg)
	case "DELE":
		return s.dele(arg)
	case "RSET":
		clear(s.deleted)
		return s.c.ok("")
	}
	return s.c.fail("Unknown command.")
}
