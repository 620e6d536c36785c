package verify

import (
	"errors"
	"net"

	"github.com/setupwiz/setupwiz/internal/pop3"
)

// startTLS upgrades the connection with STLS (RFC 2595). We send STLS right
// after the greeting without asking CAPA first: the server's answer to STLS
// is the proof, and capabilities seen before TLS are not trustworthy anyway.
// A refusal is KindSTARTTLSUnavailable, never a silent downgrade.
func (s *pop3Session) startTLS() *Error {
	s.t.begin(StepSTARTTLS)
	var tlsErr *Error
	err := s.c.STLS(func(net.Conn) (net.Conn, error) {
		tc, info, e := tlsClient(s.ctx, s.o, s.t, s.raw, s.srv.Host)
		if e != nil {
			tlsErr = e
			return nil, e
		}
		s.raw, s.tls = tc, info // closing tc closes the TCP connection too
		return s.t.wrap(tc), nil
	})
	if err != nil {
		return s.stlsFailed(err, tlsErr)
	}
	s.t.end(tlsStepDetail(s.tls))
	return nil
}

// stlsFailed explains a failed STLS: refused, data injected before the
// handshake, or the handshake itself (already recorded by tlsClient).
func (s *pop3Session) stlsFailed(err error, tlsErr *Error) *Error {
	var refused *pop3.Error
	switch {
	case tlsErr != nil:
		return explainSTARTTLSHandshake(tlsErr)
	case errors.As(err, &refused) && s.ctx.Err() == nil:
		e := pop3Error(refused, StepSTARTTLS)
		e.Kind, e.Hint = KindSTARTTLSUnavailable, pop3Hint(KindSTARTTLSUnavailable, "")
		return s.t.fail(e)
	case errors.Is(err, pop3.ErrDataAfterTLS):
		return s.t.fail(&Error{Kind: KindProtocol, Err: err,
			Hint: "something injected data into the connection before TLS started; this may be an attack: try port 995 with TLS, or another network"})
	}
	return s.netFail(err, StepSTARTTLS)
}
