package demo

// capabilities is the CAPA list (RFC 2449) for the session's state. Like Dovecot
// on a port that requires TLS, it offers no password mechanism before STLS, and
// none at all after login.
func (s *pop3Session) capabilities() []string {
	caps := []string{"TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE"}
	switch {
	case s.authed:
	case s.tls:
		caps = append(caps, "USER", "SASL "+saslMechanisms)
	default:
		caps = append(caps, "STLS")
	}
	return append(caps, "IMPLEMENTATION setupwiz-demo")
}
