package demo

import (
	"encoding/base64"
	"strings"

	"github.com/emersion/go-sasl"
)

// saslMechanisms are offered once the connection is encrypted.
const saslMechanisms = "PLAIN LOGIN"

// The server's words for refused logins, as Dovecot words them (RFC 3206 [AUTH] code).
const (
	msgUserNeedsTLS = "[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
	msgAuthNeedsTLS = "[AUTH] Plaintext authentication disabled."
	msgAuthFailed   = "[AUTH] Authentication failed."
)

// userCmd is USER (RFC 1939 section 7). It is refused before TLS, so the
// client never gets as far as sending PASS in the clear.
func (s *pop3Session) userCmd(arg string) error {
	switch {
	case !s.tls:
		return s.c.fail(msgUserNeedsTLS)
	case arg == "":
		return s.c.fail("No username given.")
	}
	s.user = arg
	return s.c.ok("")
}

// passCmd is PASS; the password is the rest of the line, spaces included.
func (s *pop3Session) passCmd(arg string) error {
	switch {
	case !s.tls:
		return s.c.fail(msgUserNeedsTLS)
	case s.user == "":
		return s.c.fail("No username given.")
	}
	err := s.srv.creds.check("", s.user, arg)
	s.user = ""
	return s.loginResult(err)
}

// authCmd is AUTH (RFC 5034): without arguments it lists the mechanisms;
// otherwise it runs the SASL exchange, challenges as "+ <base64>".
func (s *pop3Session) authCmd(arg string) error {
	mech, ir, hasIR := strings.Cut(strings.TrimSpace(arg), " ")
	if mech == "" {
		return s.c.multi("", s.offeredMechanisms())
	}
	server := s.saslServer(strings.ToUpper(mech))
	switch {
	case server == nil:
		return s.c.fail("[AUTH] Unsupported authentication mechanism.")
	case !s.tls:
		return s.c.fail(msgAuthNeedsTLS)
	}
	var resp []byte
	if hasIR {
		var err error
		if resp, err = decodeSASL(ir); err != nil {
			return s.c.fail("[AUTH] Invalid base64 data in initial response")
		}
	}
	return s.saslExchange(server, resp)
}

// saslExchange drives server until it is done, reading the client's responses.
func (s *pop3Session) saslExchange(server sasl.Server, resp []byte) error {
	for {
		challenge, done, err := server.Next(resp)
		if err != nil || done {
			return s.loginResult(err)
		}
		if resp, err = s.challenge(challenge); err != nil || resp == nil {
			return err
		}
	}
}

// challenge sends one "+ " line and reads the answer. It returns a nil
// response (and no error) when it has already told the client why not.
func (s *pop3Session) challenge(c []byte) ([]byte, error) {
	s.c.w.WriteString("+ " + base64.StdEncoding.EncodeToString(c) + "\r\n")
	if err := s.c.flush(); err != nil {
		return nil, err
	}
	line, err := s.c.readLine()
	if err != nil {
		return nil, err
	}
	if line == "*" {
		return nil, s.c.fail("Authentication aborted by client.")
	}
	resp, err := decodeSASL(line)
	if err != nil {
		return nil, s.c.fail("[AUTH] Invalid base64 data in continued response")
	}
	return resp, nil
}

// decodeSASL decodes a client response; "=" is an empty one (RFC 5034 section 4).
func decodeSASL(s string) ([]byte, error) {
	if s == "=" {
		return []byte{}, nil
	}
	return base64.StdEncoding.DecodeString(s)
}

func (s *pop3Session) saslServer(mech string) sasl.Server {
	switch mech {
	case "PLAIN":
		return sasl.NewPlainServer(s.srv.creds.check)
	case "LOGIN":
		return newLoginServer(s.srv.creds.check)
	}
	return nil
}

func (s *pop3Session) offeredMechanisms() []string {
	if !s.tls {
		return nil
	}
	return strings.Fields(saslMechanisms)
}

// loginResult enters the TRANSACTION state, or counts a failure and hangs up
// after maxAuthFailures.
func (s *pop3Session) loginResult(err error) error {
	if err != nil {
		s.failures++
		s.quit = s.failures >= maxAuthFailures
		return s.c.fail(msgAuthFailed)
	}
	s.authed = true
	s.msgs = s.srv.mailbox.snapshot()
	s.deleted = make([]bool, len(s.msgs))
	return s.c.ok("Logged in.")
}
