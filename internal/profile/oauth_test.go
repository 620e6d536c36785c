package profile_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

func oauthProfile() profile.Profile {
	p := profile.New("jane@outlook.com", "Jane")
	p.Incoming.Auth, p.Outgoing.Auth = profile.AuthXOAuth2, profile.AuthXOAuth2
	p.OAuth = &profile.OAuth{
		Provider: profile.OAuthProvider{ID: "microsoft", Name: "Microsoft",
			AuthURL: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize", TokenURL: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
			DeviceURL: "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode", Scopes: []string{"offline_access"},
			DeviceFlow: true, RedirectHost: "localhost", AuthParams: map[string]string{"prompt": "select_account"}},
		ClientID: "00000000-1111-2222-3333-444444444444",
		Token:    profile.SecretRef{Kind: profile.SecretKeyring, Ref: "oauth2:jane@outlook.com"},
	}
	return p
}

// TestOAuthRoundTripHoldsNoToken: the stored profile names where the
// sign-in is kept and nothing more.
func TestOAuthRoundTripHoldsNoToken(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := oauthProfile()
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	back, err := s.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.OAuth, p.OAuth) {
		t.Errorf("OAuth after a round trip = %+v, want %+v", back.OAuth, p.OAuth)
	}
	data, _ := os.ReadFile(s.Path(p.Name))
	for _, w := range []string{"[oauth]", "client_id", `kind = "keyring"`} {
		if !strings.Contains(string(data), w) {
			t.Errorf("profile file lacks %q:\n%s", w, data)
		}
	}
	if strings.Contains(string(data), "refresh") || strings.Contains(string(data), "access_token") {
		t.Errorf("profile file mentions a token:\n%s", data)
	}
}

func TestOAuthValidation(t *testing.T) {
	for _, tc := range []struct {
		field  string
		change func(o *profile.OAuth)
	}{
		{"oauth.client_id", func(o *profile.OAuth) { o.ClientID = " " }},
		{"oauth.token.kind", func(o *profile.OAuth) { o.Token = profile.SecretRef{Kind: profile.SecretCommand, Ref: "cat t"} }},
		{"oauth.token.kind", func(o *profile.OAuth) { o.Token = profile.SecretRef{Kind: profile.SecretPrompt} }},
		{"oauth.token.ref", func(o *profile.OAuth) { o.Token = profile.SecretRef{Kind: profile.SecretPass} }},
		{"oauth.provider.token_url", func(o *profile.OAuth) { o.Provider.TokenURL = "http://login.example/token" }},
		{"oauth.provider.token_url", func(o *profile.OAuth) { o.Provider.TokenURL = "" }},
		{"oauth.provider.device_url", func(o *profile.OAuth) { o.Provider.DeviceURL = "" }},
		{"oauth.provider.scopes", func(o *profile.OAuth) { o.Provider.Scopes = nil }},
		{"oauth.provider.redirect_host", func(o *profile.OAuth) { o.Provider.RedirectHost = "evil.example" }},
	} {
		p := oauthProfile()
		tc.change(p.OAuth)
		var fe profile.FieldErrors
		if err := p.Validate(); !errors.As(err, &fe) || !fe.Has(tc.field) {
			t.Errorf("%s: Validate = %v", tc.field, err)
		}
	}
	p := oauthProfile()
	p.OAuth.Provider.TokenURL = "http://127.0.0.1:8080/token"
	if err := p.Validate(); err != nil {
		t.Errorf("a loopback http endpoint (test server) was refused: %v", err)
	}
}
