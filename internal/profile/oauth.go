package profile

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// OAuthProvider is an OAuth 2.0 authorization server that signs mail
// programs in (RFC 6749): where to send the user, where to get tokens, and
// which scopes POP3 and SMTP need. It holds no client ID and no token.
type OAuthProvider struct {
	ID        string   `toml:"id" json:"id"`                                     // "microsoft", "google", or one from oauth.toml
	Name      string   `toml:"name" json:"name"`                                 // shown to the user
	AuthURL   string   `toml:"auth_url" json:"auth_url"`                         // authorization endpoint (browser sign-in)
	TokenURL  string   `toml:"token_url" json:"token_url"`                       // token endpoint
	DeviceURL string   `toml:"device_url,omitempty" json:"device_url,omitempty"` // device authorization endpoint (RFC 8628)
	RevokeURL string   `toml:"revoke_url,omitempty" json:"revoke_url,omitempty"` // revocation endpoint (RFC 7009)
	Scopes    []string `toml:"scopes" json:"scopes"`
	// DeviceFlow is true when the provider lets the device grant ask for the mail scopes
	// (Microsoft does; Google refuses them).
	DeviceFlow bool `toml:"device_flow,omitempty" json:"device_flow,omitempty"`
	// RedirectHost is the loopback redirect's host: "127.0.0.1" (RFC 8252's
	// choice, and the default) or "localhost" (what Microsoft Entra registers).
	RedirectHost string `toml:"redirect_host,omitempty" json:"redirect_host,omitempty"`
	// AuthParams are extra authorization request parameters, e.g. Google's access_type=offline.
	AuthParams map[string]string `toml:"auth_params,omitempty" json:"auth_params,omitempty"`
}

// OAuth says how an account signs in with OAuth 2.0 instead of a password.
// The refresh token is never here: Token says where the secret store keeps it.
type OAuth struct {
	Provider OAuthProvider `toml:"provider" json:"provider"`
	// ClientID is the public client registration the user made (setupwiz ships none).
	ClientID string `toml:"client_id" json:"client_id"`
	// Token points at the stored sign-in (refresh token). Only a store setupwiz
	// can write back to works: providers replace the refresh token as it is used.
	Token SecretRef `toml:"token" json:"token"`
}

func (o *OAuth) validate(errs *FieldErrors) {
	if o == nil {
		return
	}
	if strings.TrimSpace(o.ClientID) == "" {
		errs.add("oauth.client_id", "is empty: register a client with the provider (see the README)")
	}
	o.Provider.validate(errs)
	switch o.Token.Kind {
	case SecretKeyring, SecretPass:
	default:
		errs.add("oauth.token.kind", "must be keyring or pass: the sign-in is renewed and must be stored again")
	}
	if o.Token.Kind == SecretPass && o.Token.Ref == "" {
		errs.add("oauth.token.ref", "is required for pass")
	}
}

func (p OAuthProvider) validate(errs *FieldErrors) {
	for _, f := range []struct{ name, u string }{
		{"auth_url", p.AuthURL}, {"token_url", p.TokenURL}, {"device_url", p.DeviceURL}, {"revoke_url", p.RevokeURL},
	} {
		if msg := EndpointProblem(f.u); msg != "" && (f.u != "" || f.name == "token_url") {
			errs.add("oauth.provider."+f.name, msg)
		}
	}
	if p.AuthURL == "" && p.DeviceURL == "" {
		errs.add("oauth.provider.auth_url", "is empty, and so is device_url: there is no way to sign in")
	}
	if p.DeviceFlow && p.DeviceURL == "" {
		errs.add("oauth.provider.device_url", "is empty but device_flow is on")
	}
	if h := p.RedirectHost; h != "" && h != "127.0.0.1" && h != "localhost" {
		errs.add("oauth.provider.redirect_host", "must be 127.0.0.1 or localhost")
	}
	if len(p.Scopes) == 0 {
		errs.add("oauth.provider.scopes", "is empty")
	}
}

// EndpointProblem returns "" for an endpoint a token may be sent to: https,
// or plain http only to a loopback address (a local test server).
func EndpointProblem(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Sprintf("%q is not an absolute URL", raw)
	}
	switch {
	case u.Scheme == "https":
		return ""
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return ""
	}
	return fmt.Sprintf("%q must use https (plain http only to 127.0.0.1, ::1 or localhost)", raw)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Validate returns FieldErrors for the provider alone, or nil.
func (p OAuthProvider) Validate() error {
	var errs FieldErrors
	p.validate(&errs)
	return errs.orNil()
}
