package oauth_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// A token endpoint that answers with tokens no provider may issue is a
// provider error: such an access token would carry its control bytes into
// the SASL message (XOAUTH2 fields end at \x01) and into a mail program's
// command output, a refresh token into the secret store.
func TestRefreshRefusesTokensWithForbiddenCharacters(t *testing.T) {
	for name, tok := range map[string]map[string]string{
		"access token with ^A":      {"access_token": "abc\x01auth=Bearer x", "refresh_token": "r2"},
		"access token with newline": {"access_token": "abc\nQUIT", "refresh_token": "r2"},
		"access token with space":   {"access_token": "abc def", "refresh_token": "r2"},
		"refresh token with ESC":    {"access_token": "eyJ0.eyJ1.c2ln", "refresh_token": "r\x1b[2J"},
	} {
		t.Run(name, func(t *testing.T) {
			c := oauth.Config{Provider: tokenEndpoint(t, tok), Client: oauth.Client{ID: "client"}}
			_, err := c.Refresh(context.Background(), oauth.Grant{RefreshToken: "r1"})
			var oe *oauth.Error
			if !errors.As(err, &oe) || oe.Kind != oauth.KindProvider {
				t.Fatalf("Refresh = %v; want a provider error", err)
			}
			if strings.ContainsAny(err.Error(), "\x01\n\x1b") {
				t.Errorf("the error quotes the token: %q", err)
			}
		})
	}
}

func TestRefreshAcceptsBearerTokens(t *testing.T) {
	tok := map[string]string{"access_token": "ya29.a0Af-_~+/x==", "refresh_token": "1//0g-Refresh.Token_~"}
	c := oauth.Config{Provider: tokenEndpoint(t, tok), Client: oauth.Client{ID: "client"}}
	g, err := c.Refresh(context.Background(), oauth.Grant{RefreshToken: "r1"})
	if err != nil || g.AccessToken != tok["access_token"] || g.RefreshToken != tok["refresh_token"] {
		t.Fatalf("Refresh = %+v, %v", g, err)
	}
}

// tokenEndpoint is a provider whose token endpoint answers every request with tok.
func tokenEndpoint(t *testing.T, tok map[string]string) profile.OAuthProvider {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := map[string]any{"token_type": "Bearer", "expires_in": int(time.Hour / time.Second)}
		for k, v := range tok {
			body[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return profile.OAuthProvider{Name: "Test", AuthURL: srv.URL + "/auth", TokenURL: srv.URL + "/token"}
}
