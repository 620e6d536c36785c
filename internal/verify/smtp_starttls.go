package verify

import (
	"crypto/tls"
	"errors"
	"fmt"
)

// startTLS upgrades the session with STARTTLS (RFC 3207) and says EHLO again.
// A server that does not offer STARTTLS, or refuses it, is a failure: the
// check never continues in the clear on a port configured for STARTTLS.
func (s *smtpSession) startTLS() *Error {
	s.t.begin(StepSTARTTLS)
	if _, ok := capArgs(s.caps, "STARTTLS"); !ok {
		return s.t.fail(&Error{Kind: KindSTARTTLSUnavailable, Err: errNoSTARTTLS,
			Hint: fmt.Sprintf("the server on port %d does not offer STARTTLS; if it expects TLS right away, use --smtp-security tls", s.srv.Port)})
	}
	if e := s.sendSTARTTLS(); e != nil {
		return e
	}
	tc, info, e := tlsClient(s.ctx, s.o, s.t, s.raw, s.srv.Host)
	if e != nil {
		return explainSTARTTLSHandshake(e)
	}
	s.tls, s.tlsActive = info, true
	s.t.end(tlsStepDetail(info))
	s.newClient(s.t.wrap(tc), s.greetMsg)
	return s.ehlo()
}

// sendSTARTTLS writes the command and reads its 220, byte by byte, so that
// nothing sent before the handshake can be taken for part of it.
func (s *smtpSession) sendSTARTTLS() *Error {
	if _, err := s.conn.Write([]byte("STARTTLS\r\n")); err != nil {
		return s.fail(err, StepSTARTTLS)
	}
	if _, err := readSMTPReply(s.conn.Conn, 220); err != nil {
		return s.refusedSTARTTLS(err)
	}
	return nil
}

var (
	// errNoSTARTTLS: EHLO did not list STARTTLS (the port may be plaintext only).
	errNoSTARTTLS = errors.New("EHLO did not list STARTTLS")
	// errServerTLS: the server could not set up its own TLS; the port's
	// security setting is not the problem.
	errServerTLS = errors.New("the server could not start TLS")
)

// refusedSTARTTLS explains a STARTTLS the server listed and then refused.
// A 4xx such as Postfix's "454 4.7.0 TLS not available due to local
// problem" is the server failing to set up its own TLS (a bad key or
// certificate): the port is not plaintext-only, and nothing on our side
// fixes it.
func (s *smtpSession) refusedSTARTTLS(err error) *Error {
	e := smtpError(s.ctx, err, StepSTARTTLS, s.srv)
	if se, ok := asSMTPError(err); ok && s.ctx.Err() == nil && se.Code/100 == 4 {
		e.Err = fmt.Errorf("%w: %w", errServerTLS, err)
		e.Hint = "the server lists STARTTLS but could not start it: a problem with its own TLS setup " +
			"(often its certificate or key); tell the provider, or try its TLS port (465) if it has one"
	}
	return s.t.fail(e)
}

// explainSTARTTLSHandshake: the server agreed to STARTTLS (STLS), so a
// failed handshake does not mean "this port expects STARTTLS". Plaintext
// where the handshake should start is a broken server or someone tampering
// with the connection (command injection); any other failure after the
// agreement is the server's TLS, not our setting.
func explainSTARTTLSHandshake(e *Error) *Error {
	var rec tls.RecordHeaderError
	switch {
	case e.Kind != KindTLSHandshake || detectedSecurity(e) != "":
	case errors.As(e.Err, &rec):
		e.Hint = "the server sent plaintext after agreeing to " + startTLSName(e.Service) +
			" (a broken server, or something on the network tampering with the connection); nothing was sent"
	case !serverTLSBroken(e.Err):
		e.Hint = "the server agreed to " + startTLSName(e.Service) + " but the TLS handshake then failed; " +
			"its TLS setup may be broken: tell the provider, or try its TLS port instead"
	}
	return e
}
