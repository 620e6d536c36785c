package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// SignerIn runs the OAuth2 sign-in of accounts whose servers take a token
// instead of a password (*setup.Flow is one).
type SignerIn interface {
	OAuthProvider(p profile.Profile) (profile.OAuthProvider, bool)
	// SignInByAddress returns the provider when the address's domain signs
	// in only with OAuth2 (Outlook.com, an oauth.toml domain).
	SignInByAddress(email string) (profile.OAuthProvider, bool)
	// DeviceSignIn reports whether the provider allows a device code for mail.
	DeviceSignIn(p profile.Profile) bool
	SignIn(ctx context.Context, p profile.Profile, device bool, show func(oauth.Prompt)) (setup.SignedIn, error)
	// SignInPlaces are where a sign-in can be kept here (keyring, pass).
	SignInPlaces() []profile.SecretKind
	KeepSignIn(p profile.Profile, s setup.SignedIn, kind profile.SecretKind) (profile.Profile, error)
	// CanOpenBrowser reports whether a browser can be started here.
	CanOpenBrowser() bool
}

// needsSignIn reports whether the account as set up now signs in with OAuth2.
func (s *session) needsSignIn() bool { return setup.NeedsSignIn(s.prof) }

// secret is what the check logs in with: the sign-in's access token, else the password.
func (s *session) secret() setup.Secret {
	if s.needsSignIn() && s.signedInHere() {
		return s.signedIn.Secret()
	}
	return setup.PasswordSecret(s.pass)
}

// useDevice decides between the device code and the browser: the device
// code when asked for (--oauth-device) or when no browser can open here,
// and only where the provider allows it for mail.
func (s *session) useDevice() bool {
	si := s.cfg.SignIn
	return si.DeviceSignIn(s.prof) && (s.cfg.PreferDevice || !si.CanOpenBrowser())
}

// promptLines tells the person, in sentences, how to finish the sign-in.
func promptLines(provider string, p oauth.Prompt, now time.Time) []string {
	until := "within " + minutes(p.Expires.Sub(now))
	provider = termtext.Line(provider)
	if p.Code != "" {
		return []string{termtext.Sprintf("On any device, open %s and enter the code %s (%s).", p.URL, p.Code, until),
			fmt.Sprintf("Sign in there with your %s account and allow access to mail.", provider)}
	}
	first := "Open this address in a browser on this computer (the sign-in comes back to it on 127.0.0.1):"
	if p.Browser {
		first = "A browser opened the " + provider + " sign-in page; if it did not, open this address on this computer:"
	}
	return []string{first, termtext.Line(p.URL), fmt.Sprintf("Sign in with your %s account and allow access to mail (%s).", provider, until)}
}

// cannotExport lists, for an OAuth2 account, the targets left out and why.
func (s *session) cannotExport() map[string]string { return setup.CannotExport(s.prof) }

// minutes says a duration in whole minutes, as people say it.
func minutes(d time.Duration) string {
	n := int(d.Round(time.Minute) / time.Minute)
	if n <= 1 {
		return "a minute"
	}
	return fmt.Sprintf("%d minutes", n)
}
