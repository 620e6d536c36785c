package verify

import "errors"

// startTLS upgrades the connection with STLS (RFC 2595). We send STLS right
// after the greeting without asking CAPA first: the server's answer to STLS
// is the proof, and capabilities seen before TLS are not trustworthy anyway.
// A refusal is KindSTARTTLSUnavailable, never a silent downgrade.
func (s *pop3Session) startTLS() *Error {
	s.t.begin(StepSTARTTLS)
	r, err := s.c.cmd("STLS")
	if err != nil || !r.OK {
		return s.stlsRefused(r, err)
	}
	if s.c.br.Buffered() > 0 {
		// Bytes after the +OK but before the handshake would be
		// read as if they came over TLS (STARTTLS command injection).
		return s.t.fail(&Error{Kind: KindProtocol, Err: errors.New("the server sent data after +OK to STLS, before TLS started"),
			Hint: "something injected data into the connection before TLS started; this may be an attack: try port 995 with TLS, or another network"})
	}
	tc, info, e := tlsClient(s.ctx, s.o, s.t, s.raw, s.srv.Host)
	if e != nil {
		return e
	}
	s.raw, s.tls = tc, info // closing tc closes the TCP connection too
	s.c = newPOP3Conn(s.t.wrap(s.raw))
	s.t.end(tlsStepDetail(info))
	return nil
}

func (s *pop3Session) stlsRefused(r pop3Reply, err error) *Error {
	if err != nil {
		return s.netFail(err, StepSTARTTLS)
	}
	e := pop3Error(r, StepSTARTTLS)
	e.Kind, e.Hint = KindSTARTTLSUnavailable, pop3Hint(KindSTARTTLSUnavailable, r)
	return s.t.fail(e)
}
