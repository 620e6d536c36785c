package demo

import (
	"crypto/subtle"
	"strings"
)

// credentials is the one demo account. The username is compared
// case-insensitively (as Dovecot's %Lu does), the password exactly.
type credentials struct {
	username string
	password string
}

func (c credentials) ok(username, password string) bool {
	u := subtle.ConstantTimeCompare([]byte(strings.ToLower(username)), []byte(strings.ToLower(c.username)))
	p := subtle.ConstantTimeCompare([]byte(password), []byte(c.password))
	return u&p == 1
}

// check returns errBadCredentials unless username and password match.
func (c credentials) check(identity, username, password string) error {
	if identity != "" && !strings.EqualFold(identity, username) {
		return errBadCredentials
	}
	if !c.ok(username, password) {
		return errBadCredentials
	}
	return nil
}
