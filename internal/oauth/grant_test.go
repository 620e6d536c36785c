package oauth_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

func TestGrantRoundTripAndRedaction(t *testing.T) {
	g := oauth.Grant{RefreshToken: "rt-secret", AccessToken: "at-secret", Expiry: time.Unix(1800000000, 0).UTC(), ClientSecret: "cs"}
	line := g.Encode()
	if strings.ContainsAny(line, "\n\r") {
		t.Fatalf("encoded grant spans lines: %q", line)
	}
	back, err := oauth.DecodeGrant(line + "\n")
	if err != nil || back != g {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
	js, _ := json.Marshal(g)
	for _, s := range []string{fmt.Sprint(g), fmt.Sprintf("%+v %#v", g, g), string(js)} {
		if strings.Contains(s, "secret") {
			t.Errorf("a printed grant shows a token: %s", s)
		}
	}
}

func TestDecodeBareRefreshToken(t *testing.T) {
	g, err := oauth.DecodeGrant("M.C123-refresh\n")
	if err != nil || g.RefreshToken != "M.C123-refresh" || g.AccessToken != "" {
		t.Fatalf("DecodeGrant(bare) = %+v, %v", g, err)
	}
	for _, bad := range []string{"", "{", `{"setupwiz_oauth":9}`} {
		if _, err := oauth.DecodeGrant(bad); err == nil {
			t.Errorf("DecodeGrant(%q) accepted", bad)
		}
	}
}

// TestStoreVaultInTheKeyring: the grant goes to its own keyring entry, so a
// password stored for the same profile is left alone.
func TestStoreVaultInTheKeyring(t *testing.T) {
	keyring.MockInit()
	s := secrets.New(secrets.Config{})
	if err := s.Set(profile.SecretRef{Kind: profile.SecretKeyring}, "jane", profile.NewPassword("password")); err != nil {
		t.Fatal(err)
	}
	v := oauth.StoreVault(s, oauth.TokenRef(profile.SecretKeyring, "jane"), "jane")
	if _, err := v.Load(); oauth.KindOf(err) != oauth.KindNoSignIn {
		t.Errorf("Load before any sign-in = %v, want KindNoSignIn", err)
	}
	g := oauth.Grant{RefreshToken: "rt", AccessToken: "at", Expiry: time.Now().Add(time.Hour).UTC().Round(time.Second)}
	if err := v.Save(g); err != nil {
		t.Fatal(err)
	}
	back, err := v.Load()
	if err != nil || back.RefreshToken != "rt" || !back.Expiry.Equal(g.Expiry) {
		t.Errorf("Load = %+v, %v", back, err)
	}
	if pw, _ := keyring.Get(secrets.ServiceName, "jane"); pw != "password" {
		t.Errorf("the password entry became %q", pw)
	}
}

func TestStoreVaultFailureIsStore(t *testing.T) {
	v := oauth.StoreVault(failingStore{}, oauth.TokenRef(profile.SecretPass, "jane"), "jane")
	if _, err := v.Load(); oauth.KindOf(err) != oauth.KindStore {
		t.Errorf("Load = %v, want KindStore", err)
	}
	if err := v.Save(oauth.Grant{RefreshToken: "x"}); oauth.KindOf(err) != oauth.KindStore || strings.Contains(err.Error(), `"x"`) {
		t.Errorf("Save = %v, want KindStore without the token", err)
	}
}

type failingStore struct{}

func (failingStore) Get(profile.SecretRef, string) (profile.Password, error) {
	return profile.Password{}, errors.New("gpg: decryption failed")
}
func (failingStore) Set(profile.SecretRef, string, profile.Password) error {
	return errors.New("gpg: encryption failed")
}
