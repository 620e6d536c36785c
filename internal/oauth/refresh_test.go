package oauth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/oauth"
)

// signedIn signs in with the browser flow and keeps the grant in a memVault.
func signedIn(t *testing.T, a *mailtest.AuthServer, c oauth.Config) *memVault {
	t.Helper()
	g, err := c.SignInBrowser(context.Background(), oauth.SignInOptions{Browser: browse(t, a)})
	if err != nil {
		t.Fatal(err)
	}
	return &memVault{g: g}
}

// ageAnHour makes the stored access token an hour old on both clocks.
func ageAnHour(a *mailtest.AuthServer, v *memVault) {
	a.Advance(time.Hour + time.Minute)
	v.mu.Lock()
	v.g.Expiry = time.Now().Add(-time.Minute)
	v.mu.Unlock()
}

func TestFreshUsesTheStoredTokenWhileItLasts(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	v := signedIn(t, a, c)
	tok, err := c.Fresh(context.Background(), v)
	if err != nil || tok.Reveal() != v.get().AccessToken {
		t.Fatalf("Fresh = %v; want the stored access token", err)
	}
	if st := a.Stats(); st.Refreshes != 0 || v.saves != 0 {
		t.Errorf("refreshes %d, saves %d; want none while the token is good", st.Refreshes, v.saves)
	}
}

// TestFreshRefreshesAndStoresTheRotatedToken: an hour later the access
// token is renewed, the replacement refresh token is stored, and the old
// one is dead (spending it again revokes the sign-in, so storing matters).
func TestFreshRefreshesAndStoresTheRotatedToken(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	v := signedIn(t, a, c)
	before := v.get()
	ageAnHour(a, v)
	tok, err := c.Fresh(context.Background(), v)
	if err != nil {
		t.Fatal(err)
	}
	after := v.get()
	if tok.Reveal() == before.AccessToken || tok.Reveal() != after.AccessToken {
		t.Error("Fresh did not return (and store) a new access token")
	}
	if after.RefreshToken == before.RefreshToken || v.saves != 1 {
		t.Errorf("refresh token rotated: %t, saves %d; want a stored replacement", after.RefreshToken != before.RefreshToken, v.saves)
	}
	if st := a.Stats(); st.Rotations != 1 {
		t.Errorf("server rotations = %d, want 1", st.Rotations)
	}
	_, err = c.Refresh(context.Background(), before)
	if !oauth.IsSignInAgain(err) {
		t.Errorf("spending the old refresh token again = %v, want sign in again", err)
	}
}

func TestFreshKeepsARefreshTokenThatDoesNotRotate(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	a.Rotate(false)
	c := testConfig(a)
	v := signedIn(t, a, c)
	rt := v.get().RefreshToken
	ageAnHour(a, v)
	if _, err := c.Fresh(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	if v.get().RefreshToken != rt {
		t.Error("the refresh token changed although the provider sent none")
	}
}

func TestRevokedSignInMeansSignInAgain(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	v := signedIn(t, a, c)
	a.RevokeUser("alice@example.test")
	ageAnHour(a, v)
	_, err := c.Fresh(context.Background(), v)
	if !oauth.IsSignInAgain(err) || oauth.KindOf(err) != oauth.KindSignInAgain {
		t.Fatalf("err = %v, want KindSignInAgain", err)
	}
	for _, w := range []string{"invalid_grant", "sign in again", "Test Identity"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q lacks %q", err, w)
		}
	}
}

// TestDesktopClientSecretTravelsWithTheGrant: a client with a secret (as
// Google's desktop clients have) can renew with only the stored grant.
func TestDesktopClientSecretTravelsWithTheGrant(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	c := testConfig(a)
	c.Client = oauth.Client{ID: mailtest.AuthDesktopID, Secret: mailtest.AuthDesktopSecret}
	v := signedIn(t, a, c)
	if v.get().ClientSecret != mailtest.AuthDesktopSecret {
		t.Fatal("the grant does not carry the client secret")
	}
	ageAnHour(a, v)
	c.Client.Secret = ""
	if _, err := c.Fresh(context.Background(), v); err != nil {
		t.Fatalf("renewing with the stored client secret: %v", err)
	}
}

func TestRefreshWithoutRefreshToken(t *testing.T) {
	a := mailtest.StartAuthServer(t)
	_, err := testConfig(a).Refresh(context.Background(), oauth.Grant{})
	if !oauth.IsSignInAgain(err) {
		t.Fatalf("err = %v, want sign in again", err)
	}
}

func TestProviderUnreachableIsNetwork(t *testing.T) {
	c := oauth.Config{Provider: mailtest.StartAuthServer(t).Provider(), Client: oauth.Client{ID: "x"}}
	c.Provider.TokenURL = "http://127.0.0.1:1/token"
	_, err := c.Refresh(context.Background(), oauth.Grant{RefreshToken: "rt"})
	if oauth.KindOf(err) != oauth.KindNetwork || oauth.IsSignInAgain(err) {
		t.Fatalf("err = %v, want KindNetwork (not sign in again)", err)
	}
}
