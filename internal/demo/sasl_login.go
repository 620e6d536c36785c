package demo

import (
	"errors"

	"github.com/emersion/go-sasl"
)

// errBadCredentials is what the SASL servers return for a wrong username or password.
var errBadCredentials = errors.New("authentication failed")

// loginServer is the server side of the LOGIN mechanism (draft-murchison-sasl-login),
// which go-sasl has only as a client: ask for the username, then the password.
// An initial response, if given, is the username.
type loginServer struct {
	check    func(identity, username, password string) error
	username []byte
	step     int
}

func newLoginServer(check func(identity, username, password string) error) sasl.Server {
	return &loginServer{check: check}
}

func (l *loginServer) Next(response []byte) (challenge []byte, done bool, err error) {
	l.step++
	switch {
	case l.step == 1 && response == nil:
		return []byte("Username:"), false, nil
	case l.step == 1 || (l.step == 2 && l.username == nil):
		l.username = response
		return []byte("Password:"), false, nil
	default:
		return nil, true, l.check("", string(l.username), string(response))
	}
}
