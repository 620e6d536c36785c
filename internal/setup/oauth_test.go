package setup_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// oauthFlow is a Flow that knows a as the provider of the harness's host.
func oauthFlow(t *testing.T, a *mailtest.AuthServer, s *mailtest.Server) *setup.Flow {
	t.Helper()
	reg, err := oauth.NewRegistry([]oauth.HostProvider{{Provider: a.Provider(), Hosts: []string{s.Host}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	keyring.MockInit()
	return &setup.Flow{Secrets: secrets.New(secrets.Config{}), OAuth: setup.OAuth{
		Registry: reg, Self: "/usr/bin/setupwiz",
		Client: func(string) oauth.Client { return oauth.Client{ID: mailtest.AuthClientID} },
		Browser: func(u string) error {
			go a.Browse(u)
			return nil
		},
	}}
}

// TestSignInVerifyKeep: an account whose servers take OAuth2 signs in, logs
// in to the OAuth Dovecot with the access token, and keeps the sign-in in
// the keyring; the profile names the place, not the token.
func TestSignInVerifyKeep(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	s := mailtest.StartOAuth(t, a)
	f := oauthFlow(t, a, s)
	p := account(s, s.User("alice"), "alice@example.test")
	p.Incoming.Auth, p.Outgoing.Auth = profile.AuthXOAuth2, profile.AuthOAuthBearer
	if !setup.NeedsSignIn(p) || !f.DeviceSignIn(p) {
		t.Fatal("an OAuth2 profile of a device-flow provider is not recognised")
	}
	in, err := f.SignIn(context.Background(), p, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Verify(context.Background(), setup.Login{Profile: p, Secret: in.Secret(), UsernameGiven: true})
	if err != nil || !r.OK() {
		t.Fatalf("login with the access token: %v %+v %+v", err, r.POP3.Error, r.SMTP.Error)
	}
	kept, err := f.KeepSignIn(p, in, profile.SecretKeyring)
	if err != nil {
		t.Fatal(err)
	}
	if kept.OAuth == nil || kept.OAuth.Token.Kind != profile.SecretKeyring || kept.OAuth.ClientID != mailtest.AuthClientID {
		t.Fatalf("kept profile OAuth = %+v", kept.OAuth)
	}
	stored, _ := keyring.Get(secrets.ServiceName, kept.OAuth.Token.Ref)
	if g, err := oauth.DecodeGrant(stored); err != nil || g.RefreshToken != in.Grant.RefreshToken {
		t.Errorf("the keyring does not hold the sign-in (%v)", err)
	}
	if _, err := f.KeepSignIn(p, in, profile.SecretCommand); err == nil {
		t.Error("a sign-in was 'kept' in a command, which cannot store the renewed one")
	}
}

func TestCannotExportOAuthToFetchmailOrApple(t *testing.T) {
	p := profile.New("jane@outlook.com", "Jane")
	if setup.CannotExport(p) != nil {
		t.Error("a password account lost targets")
	}
	p.Incoming.Auth = profile.AuthXOAuth2
	why := setup.CannotExport(p)
	if !strings.Contains(why[exporters.TargetFetchmail], "fetchmail 7") || why[exporters.TargetMobileConfig] == "" || why[exporters.TargetMutt] != "" {
		t.Errorf("CannotExport = %v", why)
	}
}

func TestSignInWithoutProvider(t *testing.T) {
	var f setup.Flow
	p := profile.New("jane@example.test", "")
	p.Incoming.Auth = profile.AuthXOAuth2
	if _, err := f.SignIn(context.Background(), p, false, nil); err != setup.ErrNoOAuthProvider {
		t.Errorf("err = %v, want ErrNoOAuthProvider", err)
	}
}
