package oauth

import (
	"context"
	"errors"
	"time"
)

// SignInDevice runs the device authorization grant (RFC 8628): the person
// visits Prompt.URL on any device and types Prompt.Code, while setupwiz
// polls the token endpoint, waiting longer when told slow_down, until the
// code is used, refused (access_denied) or expires (expired_token).
func (c Config) SignInDevice(ctx context.Context, o SignInOptions) (Grant, error) {
	if err := c.check(opSignIn); err != nil {
		return Grant{}, err
	}
	if !c.Provider.DeviceFlow || c.Provider.DeviceURL == "" {
		return Grant{}, &Error{Kind: KindProvider, Op: opSignIn, Provider: c.name(), Err: ErrNoDeviceFlow}
	}
	ctx, cancel := context.WithTimeout(ctx, SignInTimeout)
	defer cancel()
	cfg := c.oauth2Config("")
	da, err := cfg.DeviceAuth(c.withHTTP(ctx))
	if err != nil {
		return Grant{}, c.signInError(ctx, err)
	}
	p := Prompt{URL: da.VerificationURI, Code: da.UserCode, Expires: da.Expiry}
	if da.Expiry.IsZero() {
		p.Expires = c.now().Add(SignInTimeout)
	}
	if da.VerificationURIComplete != "" && o.Browser != nil {
		p.Browser = o.Browser(da.VerificationURIComplete) == nil
	}
	o.show(p)
	tok, err := cfg.DeviceAccessToken(c.withHTTP(ctx), da)
	if err != nil && !da.Expiry.IsZero() && !time.Now().Before(da.Expiry) {
		return Grant{}, &Error{Kind: KindCodeExpired, Op: opSignIn, Provider: c.name(), Err: err}
	}
	return c.grant(ctx, tok, err)
}

// ErrNoDeviceFlow says the provider does not allow a device code for mail.
var ErrNoDeviceFlow = errors.New("this provider does not allow signing in with a device code for mail; use the browser sign-in (or an app password)")
