package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Mechanism preference with a password. Over TLS the channel already hides
// the password, so PLAIN comes first: it costs one round trip and works with
// every way a server may store passwords (SCRAM and CRAM-MD5 fail for users
// whose password is stored hashed, as Dovecot shows for such users). Without
// TLS (only with AllowPlaintext) the challenge-response mechanisms come first
// because they do not put the password itself on the wire.
func prefOverTLS() []string {
	return []string{"PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5"}
}
func prefPlaintext() []string {
	return []string{"SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN"}
}
func prefOAuth() []string { return []string{"OAUTHBEARER", "XOAUTH2"} }

// chooseMechs returns the SASL mechanisms to try, best first, from those the
// server offered. It refuses (KindPlaintextRefused) to authenticate before
// TLS unless Options.AllowPlaintext, and reports KindAuthUnsupported when no
// usable mechanism is left. For AuthAPOP and AuthUserPass it returns nil, nil:
// those are not SASL, the POP3 client handles them.
func chooseMechs(offered []string, tlsActive bool, o *Options, want profile.AuthMethod) ([]string, *Error) {
	if !tlsActive && !o.AllowPlaintext {
		return nil, &Error{Kind: KindPlaintextRefused, Hint: "the connection is not encrypted; use TLS or STARTTLS, or pass --allow-plaintext if you accept that the password can be read on the way"}
	}
	if want == profile.AuthAPOP || want == profile.AuthUserPass {
		return nil, nil
	}
	if want.IsOAuth() && o.OAuthToken.IsEmpty() {
		return nil, &Error{Kind: KindAuthUnsupported, Hint: "this authentication method needs an OAuth token (--oauth-token-file)"}
	}
	up := upperAll(offered)
	pref := candidates(tlsActive, o, want)
	var out []string
	for _, m := range pref {
		if slices.Contains(up, m) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, unsupportedMechs(offered, pref)
	}
	return out, nil
}

// candidates lists the mechanisms we may use, best first.
func candidates(tlsActive bool, o *Options, want profile.AuthMethod) []string {
	switch {
	case want != profile.AuthAuto:
		return []string{want.SASLName()}
	case !o.OAuthToken.IsEmpty():
		return prefOAuth()
	case tlsActive:
		return prefOverTLS()
	}
	return prefPlaintext()
}

func unsupportedMechs(offered, pref []string) *Error {
	have := "none"
	if len(offered) > 0 {
		have = strings.Join(offered, " ")
	}
	return &Error{Kind: KindAuthUnsupported,
		Err:  fmt.Errorf("server offers %s; we can use %s", have, strings.Join(pref, " ")),
		Hint: fmt.Sprintf("the server offers %s, none of which fits; choose another authentication method", have)}
}

func upperAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToUpper(s)
	}
	return out
}
