package verify

import (
	"errors"

	"github.com/setupwiz/setupwiz/internal/pop3"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// POP3 login methods that are not SASL.
const (
	methodUser = "USER" // USER/PASS (RFC 1939)
	methodAPOP = "APOP" // APOP digest (RFC 1939)
)

// pickMethod chooses how to log in: a SASL mechanism when the server offers
// a usable one, else USER/PASS or APOP. Nothing is sent before TLS without
// Options.AllowPlaintext, whatever the method.
func (s *pop3Session) pickMethod() (string, *Error) {
	var offered []string
	if s.caps != nil {
		offered = s.caps.SASL
	}
	mechs, e := chooseMechs(offered, s.tls != nil, s.o, s.srv.Auth)
	switch {
	case e != nil && e.Kind == KindPlaintextRefused:
		return "", withUpgradeHint(e, ServicePOP3, s.has(func(c *pop3.Caps) bool { return c.STLS }))
	case s.srv.Auth == profile.AuthUserPass:
		return methodUser, nil
	case s.srv.Auth == profile.AuthAPOP:
		return s.apopOrError()
	case e == nil:
		return mechs[0], nil
	case s.srv.Auth != profile.AuthAuto || !s.o.OAuthToken.IsEmpty():
		return "", e
	}
	return s.fallbackMethod(e)
}

// fallbackMethod is for servers without a usable SASL mechanism. Without
// TLS, APOP goes first because it does not send the password itself.
func (s *pop3Session) fallbackMethod(e *Error) (string, *Error) {
	stamp := s.c.APOPStamp()
	switch {
	case s.tls == nil && stamp != "":
		return methodAPOP, nil
	case s.caps == nil || s.caps.User:
		return methodUser, nil
	case stamp != "":
		return methodAPOP, nil
	}
	return "", e
}

func (s *pop3Session) apopOrError() (string, *Error) {
	if s.c.APOPStamp() == "" {
		return "", &Error{Kind: KindAuthUnsupported, Err: errors.New("the greeting has no APOP timestamp"),
			Hint: "this server does not offer APOP; use automatic authentication"}
	}
	return methodAPOP, nil
}
