package verify

import (
	"errors"
	"strings"

	"github.com/setupwiz/setupwiz/internal/pop3"
)

// login logs in as user with the best method the server offers and returns
// the method. A failure comes back classified but not yet recorded: the
// caller decides whether another user name follows (t.retry) or the step
// fails (t.fail).
func (s *pop3Session) login(user string) (string, *Error) {
	s.t.begin(StepAuth)
	method, e := s.pickMethod()
	if e != nil {
		e.Step = StepAuth
		return "", e
	}
	if err := s.tryLogin(method, user); err != nil {
		return method, withMech(s.loginErr(err), method)
	}
	s.t.end(method + " as " + user)
	return method, nil
}

func (s *pop3Session) tryLogin(method, user string) error {
	pw := s.o.Password.Reveal()
	switch method {
	case methodUser:
		if err := s.c.User(user); err != nil {
			return err
		}
		return s.c.Pass(pw)
	case methodAPOP:
		return s.c.APOP(user, pw)
	}
	cl, err := newSASL(method, user, s.o)
	if err != nil {
		return &Error{Kind: KindAuthUnsupported, Err: err}
	}
	return s.c.Auth(cl)
}

// loginErr classifies a failed login: the server's -ERR, a mechanism we
// could not start, an exchange that did not complete, or the network.
func (s *pop3Session) loginErr(err error) *Error {
	var refused *pop3.Error
	var ours *Error
	switch {
	case s.ctx.Err() != nil:
	case errors.As(err, &refused):
		return pop3Error(refused, StepAuth)
	case errors.As(err, &ours):
		ours.Step = StepAuth
		return ours
	case errors.Is(err, pop3.ErrAuthAborted):
		return &Error{Kind: KindProtocol, Step: StepAuth, Err: err,
			Hint: "the server's authentication exchange did not complete; check that host and port are the right POP3 server"}
	}
	return classifyErr(s.ctx, err, ServicePOP3, StepAuth, s.srv)
}

// withMech explains that challenge-response mechanisms need the server to
// keep the password in a matching form; many servers store only a hash.
func withMech(e *Error, method string) *Error {
	if e.Kind == KindAuthFailed && (method == "CRAM-MD5" || strings.HasPrefix(method, "SCRAM-")) {
		e.Hint += "; " + method + " works only if the server stores the password for it, so also try automatic or PLAIN over TLS"
	}
	return e
}
