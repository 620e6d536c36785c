package setup

import (
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Secret is what proves who the user is. Today it is a password; a token
// from an OAuth sign-in would be another field here, used where the
// password is now.
type Secret struct {
	Password profile.Password
}

// PasswordSecret wraps a password.
func PasswordSecret(pw profile.Password) Secret { return Secret{Password: pw} }

// IsEmpty reports whether the secret holds nothing.
func (s Secret) IsEmpty() bool { return s.Password.IsEmpty() }

// String never shows the secret.
func (s Secret) String() string { return s.Password.String() }

// apply puts the secret into the check's options.
func (s Secret) apply(o *verify.Options) { o.Password = s.Password }
