package exporters

import (
	"path/filepath"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// muttOAuth signs mutt in with OAuth2: at every login mutt runs
// `setupwiz token NAME` (pop_oauth_refresh_command, smtp_oauth_refresh_command)
// and sends the access token it prints with the profile's SASL mechanism;
// setupwiz renews the sign-in when the token runs out. Neither a password
// nor a token goes into the file.
func muttOAuth(p profile.Profile, o Options) ([]muttSetting, error) {
	cmd, err := tokenCommand(TargetMutt, p, o)
	if err != nil {
		return nil, err
	}
	v := muttQuote(cmd)
	return []muttSetting{
		{"pop_authenticators", muttQuote(muttOAuthMech(p.Incoming.Auth))},
		{"pop_oauth_refresh_command", v},
		{"smtp_authenticators", muttQuote(muttOAuthMech(p.Outgoing.Auth))},
		{"smtp_oauth_refresh_command", v},
	}, nil
}

// muttOAuthMech is the mechanism name mutt and neomutt know; OAUTHBEARER
// (RFC 7628) unless the profile says XOAUTH2.
func muttOAuthMech(a profile.AuthMethod) string {
	if a == profile.AuthXOAuth2 {
		return "xoauth2"
	}
	return "oauthbearer"
}

// tokenCommand is the shell command that prints a fresh access token:
// 'SETUPWIZ' token 'NAME', each word single-quoted for sh.
func tokenCommand(format string, p profile.Profile, o Options) (string, error) {
	if o.Self == "" || !filepath.IsAbs(o.Self) {
		return "", &FieldError{format, "setupwiz path", "must be the absolute path of the setupwiz program, which mail programs run for a fresh sign-in token"}
	}
	cmd := shellQuote(o.Self) + " token " + shellQuote(p.Name)
	if err := checkText(format, "token command", cmd, controls("")); err != nil {
		return "", err
	}
	return cmd, nil
}

// shellQuote quotes s for sh: '…' with each ' written as '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
