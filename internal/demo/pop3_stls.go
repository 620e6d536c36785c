package demo

import (
	"crypto/tls"
	"time"
)

// stls upgrades the connection to TLS (RFC 2595 section 4). Whatever the
// client sent after STLS in plaintext is discarded, and the session starts
// over in the AUTHORIZATION state.
func (s *pop3Session) stls() error {
	if s.tls {
		return s.c.fail("TLS is already active.")
	}
	if err := s.c.ok("Begin TLS negotiation now."); err != nil {
		return err
	}
	tc := tls.Server(s.c.conn, s.srv.tlsConf)
	if err := tc.SetDeadline(time.Now().Add(s.c.timeout)); err != nil {
		return err
	}
	if err := tc.Handshake(); err != nil {
		return err
	}
	s.c.reset(tc)
	s.tls, s.user = true, ""
	return nil
}
