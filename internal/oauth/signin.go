package oauth

import (
	"context"
	"errors"
	"time"

	"golang.org/x/oauth2"
)

// Prompt is what the person must see to finish a sign-in.
type Prompt struct {
	URL     string    // open this page (browser sign-in) or visit it (device code)
	Code    string    // device code sign-in: type this code on that page
	Browser bool      // a browser was started with URL
	Expires time.Time // the sign-in must be finished by then
}

// SignInOptions are the person-facing parts of a sign-in.
type SignInOptions struct {
	// Show is called once, before waiting, with what to tell the person.
	Show func(Prompt)
	// Browser opens a URL in a browser; nil (or an error) leaves it to the person.
	Browser func(url string) error
	// LoginHint is the address to fill in on the provider's page.
	LoginHint string
}

func (o SignInOptions) show(p Prompt) {
	if o.Show != nil {
		o.Show(p)
	}
}

const opSignIn = "signing in"

// SignInBrowser runs the authorization code grant with PKCE (S256) and a
// loopback redirect: the provider's page opens in a browser (or the person
// opens Prompt.URL), and the code comes back to 127.0.0.1.
func (c Config) SignInBrowser(ctx context.Context, o SignInOptions) (Grant, error) {
	if err := c.check(opSignIn); err != nil {
		return Grant{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, SignInTimeout)
	defer cancel()
	cb, err := listenCallback(c.Provider.RedirectHost)
	if err != nil {
		return Grant{}, &Error{Kind: KindProvider, Op: opSignIn, Provider: c.name(), Err: err}
	}
	defer cb.close()
	cfg := c.oauth2Config(cb.redirect())
	verifier := oauth2.GenerateVerifier()
	u := cfg.AuthCodeURL(cb.state, c.authOptions(o, oauth2.S256ChallengeOption(verifier))...)
	p := Prompt{URL: u, Expires: c.now().Add(SignInTimeout)}
	p.Browser = o.Browser != nil && o.Browser(u) == nil
	o.show(p)
	code, err := cb.wait(ctx)
	if err != nil {
		return Grant{}, c.signInError(ctx, err)
	}
	tok, err := cfg.Exchange(c.withHTTP(ctx), code, oauth2.VerifierOption(verifier))
	return c.grant(ctx, tok, err)
}

// authOptions are the authorization request's extra parameters.
func (c Config) authOptions(o SignInOptions, extra ...oauth2.AuthCodeOption) []oauth2.AuthCodeOption {
	opts := extra
	for k, v := range c.Provider.AuthParams {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	if o.LoginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", o.LoginHint))
	}
	return opts
}

// grant checks a token response: without a refresh token the account would
// be signed out within the hour.
func (c Config) grant(ctx context.Context, tok *oauth2.Token, err error) (Grant, error) {
	if err != nil {
		return Grant{}, c.signInError(ctx, err)
	}
	if err := checkTokens(tok.AccessToken, tok.RefreshToken); err != nil {
		return Grant{}, &Error{Kind: KindProvider, Op: opSignIn, Provider: c.name(), Err: err}
	}
	if tok.RefreshToken == "" {
		return Grant{}, &Error{Kind: KindNoRefreshToken, Op: opSignIn, Provider: c.name()}
	}
	return Grant{RefreshToken: tok.RefreshToken, AccessToken: tok.AccessToken, Expiry: tok.Expiry, ClientSecret: c.Client.Secret}, nil
}

// signInError classifies a failure; the sign-in window running out is
// KindCodeExpired, the caller's cancel KindCanceled.
func (c Config) signInError(ctx context.Context, err error) error {
	e := classify(opSignIn, c.name(), err)
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		e.Kind = KindCodeExpired
	case errors.Is(ctx.Err(), context.Canceled):
		e.Kind = KindCanceled
	}
	return e
}
