package profile

import (
	"fmt"
	"strings"
)

// AuthMethod is how the client proves who it is.
type AuthMethod int

const (
	AuthAuto        AuthMethod = iota // the strongest the server offers
	AuthPlain                         // SASL PLAIN (RFC 4616)
	AuthLogin                         // SASL LOGIN
	AuthCRAMMD5                       // SASL CRAM-MD5 (RFC 2195)
	AuthSCRAMSHA1                     // SASL SCRAM-SHA-1 (RFC 5802)
	AuthSCRAMSHA256                   // SASL SCRAM-SHA-256 (RFC 7677)
	AuthXOAuth2                       // Google/Microsoft XOAUTH2 with a bearer token
	AuthOAuthBearer                   // SASL OAUTHBEARER (RFC 7628)
	AuthAPOP                          // POP3 APOP (RFC 1939)
	AuthUserPass                      // POP3 USER/PASS (RFC 1939)
)

var authNames = [...]string{"auto", "plain", "login", "cram-md5", "scram-sha-1", "scram-sha-256", "xoauth2", "oauthbearer", "apop", "userpass"}

// String returns the lower-case name used in flags and files.
func (a AuthMethod) String() string {
	if a < 0 || int(a) >= len(authNames) {
		return fmt.Sprintf("auth(%d)", int(a))
	}
	return authNames[a]
}

// SASLName returns the SASL mechanism name (PLAIN, CRAM-MD5, …) or "" for non-SASL methods.
func (a AuthMethod) SASLName() string {
	switch a {
	case AuthAuto, AuthAPOP, AuthUserPass:
		return ""
	}
	return strings.ToUpper(a.String())
}

// ParseAuthMethod accepts the names String returns, case-insensitively, and SASL names.
func ParseAuthMethod(s string) (AuthMethod, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	if l == "" {
		return AuthAuto, nil
	}
	for i, n := range authNames {
		if n == l {
			return AuthMethod(i), nil
		}
	}
	if l == "user" || l == "user/pass" {
		return AuthUserPass, nil
	}
	return 0, fmt.Errorf("unknown auth method %q: use one of %s", s, strings.Join(authNames[:], ", "))
}

// IsOAuth reports whether the method takes a bearer token instead of a password.
func (a AuthMethod) IsOAuth() bool { return a == AuthXOAuth2 || a == AuthOAuthBearer }

// SignsInTwoWays reports whether one server takes OAuth2 and the other a
// password. setupwiz keeps one way to sign in per account: one secret or one
// sign-in, which the exports, the saved profile and repair rely on.
func (p Profile) SignsInTwoWays() bool { return p.Incoming.Auth.IsOAuth() != p.Outgoing.Auth.IsOAuth() }

// MarshalText implements encoding.TextMarshaler.
func (a AuthMethod) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *AuthMethod) UnmarshalText(b []byte) error {
	v, err := ParseAuthMethod(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
