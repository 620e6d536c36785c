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
		return s.t.fail(&Error{Kind: KindSTARTTLSUnavailable, Err: fmt.Errorf("EHLO did not list STARTTLS"),
			Hint: fmt.Sprintf("the server on port %d does not offer STARTTLS; if it expects TLS right away, use --smtp-security tls", s.srv.Port)})
	}
	if e := s.sendSTARTTLS(); e != nil {
		return e
	}
	tc, info, e := tlsClient(s.ctx, s.o, s.t, s.raw, s.srv.Host)
	if e != nil {
		return explainPlaintextAfterSTARTTLS(e)
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
		return s.fail(err, StepSTARTTLS)
	}
	return nil
}

// explainPlaintextAfterSTARTTLS: plaintext where the TLS handshake should
// start, after the server agreed to STARTTLS, is a broken server or someone
// tampering with the connection (command injection); the generic hint
// ("this port expects STARTTLS") would mislead.
func explainPlaintextAfterSTARTTLS(e *Error) *Error {
	var rec tls.RecordHeaderError
	if e.Kind == KindTLSHandshake && errors.As(e.Err, &rec) {
		e.Hint = "the server sent plaintext after agreeing to " + startTLSName(e.Service) +
			" (a broken server, or something on the network tampering with the connection); nothing was sent"
	}
	return e
}
