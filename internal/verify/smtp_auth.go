package verify

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-sasl"
)

// login authenticates as user (RFC 4954) with the best mechanism both
// sides support, moving on to the next one only when the server says a
// mechanism is not available (504). A failure comes back classified but
// not recorded (see logins).
func (s *smtpSession) login(user string) (string, *Error) {
	s.t.begin(StepAuth)
	offered, _ := capArgs(s.caps, "AUTH")
	mechs, e := chooseMechs(offered, s.tlsActive, s.o, s.srv.Auth)
	if e != nil {
		_, upgrade := capArgs(s.caps, "STARTTLS")
		e.Service, e.Step = ServiceSMTP, StepAuth
		if len(offered) == 0 && upgrade && !s.tlsActive && e.Kind == KindAuthUnsupported {
			return "", authOnlyAfterSTARTTLS()
		}
		return "", withUpgradeHint(e, ServiceSMTP, upgrade)
	}
	var err error
	for _, mech := range mechs {
		var cl sasl.Client
		if cl, err = newSASL(mech, user, s.o); err != nil {
			continue
		}
		if err = s.auth(cl); err == nil {
			s.t.end(mech + " as " + user)
			return mech, nil
		}
		if !mechUnavailable(err) {
			return mech, smtpError(s.ctx, err, StepAuth, s.srv)
		}
	}
	return "", smtpError(s.ctx, err, StepAuth, s.srv)
}

// auth runs one AUTH exchange on the wire ourselves rather than through
// go-smtp, which (v0.25.1) answers every final reply with a "*" cancel line:
// after a 535 Postfix then says "I can break rules, too. Goodbye." and Exim
// logs a syntax error. Here "*" is sent only while the server waits for a
// response (334): when the mechanism cannot answer, or after maxSASLSteps
// challenges. A final reply other than 235 comes back as *smtp.SMTPError.
func (s *smtpSession) auth(cl sasl.Client) error {
	mech, ir, err := cl.Start()
	if err != nil {
		return err
	}
	if err := s.writeLine(authCommand(mech, ir)); err != nil {
		return err
	}
	for step := 0; ; step++ {
		code, msg, err := readSMTPReplyCode(s.conn.Conn)
		switch {
		case err != nil:
			return err
		case code == 235:
			return nil
		case code != 334:
			return replyToSMTPError(code, msg)
		case step == maxSASLSteps:
			return s.abortAuth(errTooManySteps)
		}
		resp, err := saslAnswer(cl, msg)
		if err != nil {
			return s.abortAuth(err)
		}
		if err := s.writeLine(base64.StdEncoding.EncodeToString(resp)); err != nil {
			return err
		}
	}
}

// authCommand is "AUTH mech [initial-response]"; an empty one is "=".
func authCommand(mech string, ir []byte) string {
	switch {
	case ir == nil:
		return "AUTH " + mech
	case len(ir) == 0:
		return "AUTH " + mech + " ="
	}
	return "AUTH " + mech + " " + base64.StdEncoding.EncodeToString(ir)
}

// saslAnswer decodes a 334 challenge and computes the response. A challenge
// the mechanism cannot answer means the server broke the protocol.
func saslAnswer(cl sasl.Client, msg string) ([]byte, error) {
	ch, err := base64.StdEncoding.DecodeString(strings.TrimSpace(msg))
	if err != nil {
		return nil, fmt.Errorf("%w: the authentication challenge is not base64", errBadReply)
	}
	resp, err := cl.Next(ch)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadReply, err)
	}
	return resp, nil
}

// abortAuth cancels the exchange with "*" while the server waits for a
// response, reads its answer and reports why.
func (s *smtpSession) abortAuth(why error) error {
	if err := s.writeLine("*"); err == nil {
		_, _, _ = readSMTPReplyCode(s.conn.Conn)
	}
	return why
}

// writeLine sends one command line.
func (s *smtpSession) writeLine(line string) error {
	_, err := s.conn.Conn.Write([]byte(line + "\r\n"))
	return err
}

// mechUnavailable reports a 504 "unrecognized authentication type".
func mechUnavailable(err error) bool {
	se, ok := asSMTPError(err)
	return ok && se.Code == 504
}

// authOnlyAfterSTARTTLS: a server that lists no AUTH before TLS but
// offers STARTTLS (Postfix with smtpd_tls_auth_only, most submission
// servers) offers login only over TLS. That is a refusal of plaintext, not
// a lack of common mechanisms ("the server offers none").
func authOnlyAfterSTARTTLS() *Error {
	return &Error{Kind: KindPlaintextRefused, Service: ServiceSMTP, Step: StepAuth,
		Err: errors.New("EHLO lists no AUTH before STARTTLS"),
		Hint: "this server offers login (AUTH) only after STARTTLS: set the security to starttls " +
			"(--smtp-security starttls) and the password goes encrypted"}
}
