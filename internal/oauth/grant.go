package oauth

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Grant is what a sign-in leaves behind: the refresh token that keeps the
// account signed in, the current access token and when it runs out, and the
// client secret the refresh needs (Google's desktop clients have one). It
// lives only in the secret store; every way of printing it is redacted.
type Grant struct {
	RefreshToken string
	AccessToken  string
	Expiry       time.Time
	ClientSecret string
}

// grantJSON is the stored form: one line, so pass(1) keeps it whole.
type grantJSON struct {
	Version      int       `json:"setupwiz_oauth"`
	RefreshToken string    `json:"refresh_token"`
	AccessToken  string    `json:"access_token,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
	ClientSecret string    `json:"client_secret,omitempty"`
}

// Encode returns the one-line stored form.
func (g Grant) Encode() string {
	b, _ := json.Marshal(grantJSON{1, g.RefreshToken, g.AccessToken, g.Expiry.UTC(), g.ClientSecret})
	return string(b)
}

// DecodeGrant reads what Encode wrote. A line that is not JSON is taken as a
// bare refresh token, so a token put into pass by hand works too.
func DecodeGrant(s string) (Grant, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Grant{}, errors.New("the stored sign-in is empty")
	}
	if !strings.HasPrefix(s, "{") {
		return Grant{RefreshToken: s}, nil
	}
	var j grantJSON
	if err := json.Unmarshal([]byte(s), &j); err != nil || j.Version != 1 {
		return Grant{}, errors.New("the stored sign-in is not in a form this setupwiz reads")
	}
	return Grant{j.RefreshToken, j.AccessToken, j.Expiry, j.ClientSecret}, nil
}

// validFor reports whether the access token is still good at least until now+margin.
func (g Grant) validFor(now time.Time, margin time.Duration) bool {
	return g.AccessToken != "" && !g.Expiry.IsZero() && g.Expiry.After(now.Add(margin))
}

// fromToken copies what a token response gave, keeping the old refresh
// token when the provider sent no replacement.
func (g Grant) fromToken(t *oauth2.Token) Grant {
	out := g
	out.AccessToken, out.Expiry = t.AccessToken, t.Expiry
	if t.RefreshToken != "" {
		out.RefreshToken = t.RefreshToken
	}
	return out
}

func (g Grant) oauth2Token() *oauth2.Token {
	return &oauth2.Token{AccessToken: g.AccessToken, RefreshToken: g.RefreshToken, Expiry: g.Expiry, TokenType: "Bearer"}
}

const redacted = "[REDACTED]"

func (Grant) String() string               { return redacted }
func (Grant) GoString() string             { return redacted }
func (Grant) MarshalText() ([]byte, error) { return []byte(redacted), nil }
