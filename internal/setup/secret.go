package setup

import (
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Secret is what proves who the user is: a password, or an OAuth2 bearer
// token (XOAUTH2/OAUTHBEARER), or both. A sign-in flow that obtains the
// token fills in Token; everything downstream takes the Secret whole.
type Secret struct {
	Password profile.Password
	Token    profile.Password
}

// PasswordSecret wraps a password.
func PasswordSecret(pw profile.Password) Secret { return Secret{Password: pw} }

// IsEmpty reports whether the secret holds nothing.
func (s Secret) IsEmpty() bool { return s.Password.IsEmpty() && s.Token.IsEmpty() }

// String never shows the secret.
func (s Secret) String() string { return s.Password.String() }

// apply puts the secret into the check's options.
func (s Secret) apply(o *verify.Options) { o.Password, o.OAuthToken = s.Password, s.Token }
