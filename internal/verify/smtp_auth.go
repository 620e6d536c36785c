package verify

import (
	"fmt"

	"github.com/emersion/go-sasl"
)

// smtpLogin authenticates (RFC 4954) with the best mechanism both sides
// support, trying the username variants on the same connection: SMTP allows
// another AUTH after a 535. It records the names tried and the one that
// worked in res.
func (s *smtpSession) login(res *ServiceResult) *Error {
	s.t.begin(StepAuth)
	offered, _ := capArgs(s.caps, "AUTH")
	mechs, e := chooseMechs(offered, s.tlsActive, s.o, s.srv.Auth)
	if e != nil {
		_, upgrade := capArgs(s.caps, "STARTTLS")
		return s.t.fail(withUpgradeHint(e, ServiceSMTP, upgrade))
	}
	var last *Error
	for i, name := range usernameVariants(s.o.Email, s.srv.Username, s.o.UsernameVariants) {
		res.UsernameTried = append(res.UsernameTried, name)
		mech, err := s.authAs(mechs, name)
		if err == nil {
			res.AuthMech, res.Server.Username, res.UsernameCorrected = mech, name, i > 0
			s.t.end(mech + " as " + name)
			return nil
		}
		last = smtpError(s.ctx, err, StepAuth, s.srv)
		if last.Kind != KindAuthFailed {
			break
		}
	}
	return s.t.fail(withNamesTried(last, res.UsernameTried))
}

// authAs tries the mechanisms in order for one user name, moving on only
// when the server says a mechanism is not available (504).
func (s *smtpSession) authAs(mechs []string, name string) (string, error) {
	var err error
	for _, mech := range mechs {
		var cl sasl.Client
		if cl, err = newSASL(mech, name, s.o); err != nil {
			continue
		}
		err = s.c.Auth(&boundedSASL{Client: cl})
		if err == nil || !mechUnavailable(err) {
			return mech, err
		}
	}
	return "", err
}

// mechUnavailable reports a 504 "unrecognized authentication type".
func mechUnavailable(err error) bool {
	se, ok := asSMTPError(err)
	return ok && se.Code == 504
}

// boundedSASL aborts an exchange after maxSASLSteps challenges: a server
// that keeps sending 334 would otherwise keep us answering forever. A
// challenge the mechanism cannot answer means the server broke the protocol.
type boundedSASL struct {
	sasl.Client
	steps int
}

func (b *boundedSASL) Next(challenge []byte) ([]byte, error) {
	b.steps++
	if b.steps > maxSASLSteps {
		return nil, errTooManySteps
	}
	resp, err := b.Client.Next(challenge)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadReply, err)
	}
	return resp, nil
}
