package setup

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// OAuth is what an OAuth2 sign-in needs from the caller.
type OAuth struct {
	// Registry knows the providers (presets and oauth.toml) and their client registrations.
	Registry *oauth.Registry
	// Client returns the registration for a provider id (flags, environment,
	// oauth.toml); nil asks Registry alone.
	Client func(providerID string) oauth.Client
	// Browser opens the sign-in page; nil leaves it to the person.
	Browser func(url string) error
	// HTTP talks to the provider; nil is oauth's default.
	HTTP *http.Client
	// Self is the absolute path of setupwiz: exported mail programs run `Self token NAME`.
	Self string
}

// OAuthProvider returns the provider an account signs in with: the one it
// already has, or the one serving its servers when they take OAuth2.
func (f *Flow) OAuthProvider(p profile.Profile) (profile.OAuthProvider, bool) {
	if p.OAuth != nil {
		return p.OAuth.Provider, true
	}
	if f.OAuth.Registry == nil || !(p.Incoming.Auth.IsOAuth() || p.Outgoing.Auth.IsOAuth()) {
		return profile.OAuthProvider{}, false
	}
	for _, h := range []string{p.Incoming.Host, p.Outgoing.Host} {
		if prov, ok := f.OAuth.Registry.ForHost(h); ok {
			return prov, true
		}
	}
	return profile.OAuthProvider{}, false
}

// SignInByAddress returns the provider when the address's domain signs in
// with OAuth2 only, before any server is known.
func (f *Flow) SignInByAddress(email string) (profile.OAuthProvider, bool) {
	if f.OAuth.Registry == nil {
		return profile.OAuthProvider{}, false
	}
	return f.OAuth.Registry.ForEmail(email)
}

// NeedsSignIn reports whether p's servers take OAuth2 (a token, not a password).
func NeedsSignIn(p profile.Profile) bool {
	return p.OAuth != nil || p.Incoming.Auth.IsOAuth() || p.Outgoing.Auth.IsOAuth()
}

// SignedIn is a finished sign-in: what the profile will record and the
// grant to keep in the secret store.
type SignedIn struct {
	OAuth profile.OAuth // Token is set by KeepSignIn
	Grant oauth.Grant
}

// Secret is the access token, for the check.
func (s SignedIn) Secret() Secret { return Secret{Token: profile.NewPassword(s.Grant.AccessToken)} }

// ErrNoOAuthProvider: the servers want OAuth2, but no provider is known for them.
var ErrNoOAuthProvider = errors.New("these servers sign in with OAuth2, but setupwiz knows no provider for them: " +
	"describe it in oauth.toml (see the README, \"OAuth2 sign-in\")")

// SignIn runs the provider's sign-in for p: in a browser (authorization
// code with PKCE and a loopback redirect), or with a device code when device
// is set and the provider allows it for mail. show tells the person what to do.
func (f *Flow) SignIn(ctx context.Context, p profile.Profile, device bool, show func(oauth.Prompt)) (SignedIn, error) {
	prov, ok := f.OAuthProvider(p)
	if !ok {
		return SignedIn{}, ErrNoOAuthProvider
	}
	client := f.oauthClient(prov.ID)
	cfg := oauth.Config{Provider: prov, Client: client, HTTP: f.OAuth.HTTP, Now: f.Now}
	o := oauth.SignInOptions{Show: show, Browser: f.OAuth.Browser, LoginHint: p.Email}
	var g oauth.Grant
	var err error
	if device {
		g, err = cfg.SignInDevice(ctx, o)
	} else {
		g, err = cfg.SignInBrowser(ctx, o)
	}
	return SignedIn{OAuth: profile.OAuth{Provider: prov, ClientID: client.ID}, Grant: g}, err
}

// DeviceSignIn reports whether p's provider lets a device code sign in for mail.
func (f *Flow) DeviceSignIn(p profile.Profile) bool {
	prov, ok := f.OAuthProvider(p)
	return ok && prov.DeviceFlow && prov.DeviceURL != ""
}

func (f *Flow) oauthClient(id string) oauth.Client {
	if f.OAuth.Client != nil {
		return f.OAuth.Client(id)
	}
	if f.OAuth.Registry == nil {
		return oauth.Client{}
	}
	return f.OAuth.Registry.Client(id, oauth.Client{}, nil)
}

// SignInPlaces are where a sign-in can be kept here: only stores setupwiz
// can write back to, since providers replace the refresh token as it is used.
func (f *Flow) SignInPlaces() []profile.SecretKind {
	var out []profile.SecretKind
	for _, k := range []profile.SecretKind{profile.SecretKeyring, profile.SecretPass} {
		if f.probe()[k] == nil {
			out = append(out, k)
		}
	}
	return out
}

// KeepSignIn stores the grant in kind (keyring or pass) and returns p
// pointing there: p.OAuth names the place, never the token.
func (f *Flow) KeepSignIn(p profile.Profile, s SignedIn, kind profile.SecretKind) (profile.Profile, error) {
	if kind != profile.SecretKeyring && kind != profile.SecretPass {
		return p, fmt.Errorf("a sign-in can be kept only in the keyring or in pass (setupwiz must store the renewed one), not %s", kind)
	}
	if f.Secrets == nil {
		return p, errors.New("setupwiz was started without a secret store")
	}
	ref := oauth.TokenRef(kind, p.Name)
	if err := oauth.StoreVault(f.Secrets, ref, p.Name).Save(s.Grant); err != nil {
		return p, err
	}
	o := s.OAuth
	o.Token = ref
	p.OAuth = &o
	return p, nil
}

// CannotExport says which targets cannot serve p and why: for an OAuth2
// account, fetchmail 6.4 has no OAuth2 and Apple's POP payload documents none.
func CannotExport(p profile.Profile) map[string]string {
	if !NeedsSignIn(p) {
		return nil
	}
	return map[string]string{
		exporters.TargetFetchmail:    "fetchmail 6.4 cannot sign in with OAuth2 (it comes with fetchmail 7), so a file would stop working: read this account with mutt or Thunderbird",
		exporters.TargetMobileConfig: "Apple's configuration profiles have no OAuth2 sign-in for POP: add the account in Mail on the device, which signs in itself",
	}
}

// CanOpenBrowser reports whether a browser can be started for the sign-in here.
func (f *Flow) CanOpenBrowser() bool { return f.OAuth.Browser != nil }
