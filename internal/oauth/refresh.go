package oauth

import (
	"context"
	"errors"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Margin is how long an access token must still be good for to be handed
// out: a mail program may take a while between asking and logging in.
const Margin = 2 * time.Minute

const opRefresh = "renewing the sign-in"

// Fresh returns an access token good for at least Margin: the stored one,
// or a new one from the refresh token. When the provider returns a new
// refresh token (rotation), it is stored before Fresh returns, since the
// old one may no longer work.
func (c Config) Fresh(ctx context.Context, v Vault) (profile.Password, error) {
	return c.FreshFor(ctx, v, Margin)
}

// Renew is Fresh that always asks the provider: it proves the stored
// sign-in still works.
func (c Config) Renew(ctx context.Context, v Vault) (profile.Password, error) {
	return c.FreshFor(ctx, v, 100*365*24*time.Hour)
}

// FreshFor is Fresh with a chosen margin.
func (c Config) FreshFor(ctx context.Context, v Vault, margin time.Duration) (profile.Password, error) {
	g, err := v.Load()
	if err != nil {
		return profile.Password{}, err
	}
	if g.validFor(c.now(), margin) {
		return profile.NewPassword(g.AccessToken), nil
	}
	ng, err := c.Refresh(ctx, g)
	if err != nil {
		return profile.Password{}, err
	}
	if err := v.Save(ng); err != nil {
		return profile.Password{}, c.unsaved(g, ng, err)
	}
	return profile.NewPassword(ng.AccessToken), nil
}

// unsaved explains a failed store: after a rotation the only working
// refresh token is in memory and about to be lost.
func (c Config) unsaved(old, ng Grant, err error) error {
	if old.RefreshToken != ng.RefreshToken {
		return &Error{Kind: KindStore, Op: "storing the renewed sign-in (the provider replaced it, so the next renewal may need a new sign-in)", Provider: c.name(), Err: err}
	}
	return err
}

// Refresh trades g's refresh token for a new access token (RFC 6749 §6).
// An invalid_grant answer (expired or revoked) is KindSignInAgain.
func (c Config) Refresh(ctx context.Context, g Grant) (Grant, error) {
	if g.RefreshToken == "" {
		return Grant{}, &Error{Kind: KindSignInAgain, Op: opRefresh, Provider: c.name(), Err: errors.New("no refresh token is stored")}
	}
	if err := c.check(opRefresh); err != nil {
		return Grant{}, err
	}
	cfg := c.oauth2Config("")
	if cfg.ClientSecret == "" {
		cfg.ClientSecret = g.ClientSecret
	}
	old := g
	old.AccessToken, old.Expiry = "", time.Time{}
	tok, err := cfg.TokenSource(c.withHTTP(ctx), old.oauth2Token()).Token()
	if err != nil {
		return Grant{}, classify(opRefresh, c.name(), err)
	}
	if err := checkTokens(tok.AccessToken, tok.RefreshToken); err != nil {
		return Grant{}, &Error{Kind: KindProvider, Op: opRefresh, Provider: c.name(), Err: err}
	}
	return g.fromToken(tok), nil
}
