package mailtest

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// AuthServer is a small OAuth 2.0 authorization server (RFC 6749) on
// loopback for tests: the authorization code grant with PKCE (RFC 7636,
// S256 only) and loopback redirects (RFC 8252), the device authorization
// grant (RFC 8628), refresh tokens that rotate with reuse detection,
// revocation (RFC 7009) and token introspection (RFC 7662), which the OAuth
// Dovecot (StartOAuth) asks about every XOAUTH2/OAUTHBEARER login.
//
// Nobody types anything: Browse plays the browser (the "user" named by
// SignInAs approves at once, or declines after Deny) and ApproveDevice plays
// the person typing the device code. Time is the server's own: Advance moves
// it, so "an hour later" needs no waiting.
type AuthServer struct {
	URL string // http://127.0.0.1:PORT

	srv *httptest.Server
	mu  sync.Mutex
	st  authState
}

// AuthClientID is the public client every AuthServer knows; AuthDesktopID
// needs AuthDesktopSecret, as Google's desktop clients do.
const (
	AuthClientID      = "setupwiz-test-public"
	AuthDesktopID     = "setupwiz-test-desktop"
	AuthDesktopSecret = "desktop-not-so-secret"
	// AuthScope is the scope that grants POP3 and SMTP.
	AuthScope = "mail.pop mail.smtp offline_access"
)

// AuthTokenLifetime is how long an access token lives on the server's clock.
const AuthTokenLifetime = time.Hour

// StartAuthServer starts an authorization server, stopped by t.Cleanup.
func StartAuthServer(t testing.TB) *AuthServer {
	t.Helper()
	a := &AuthServer{st: newAuthState()}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /authorize", a.authorize)
	mux.HandleFunc("POST /token", a.token)
	mux.HandleFunc("POST /device", a.deviceAuthorization)
	mux.HandleFunc("GET /activate", a.activate)
	mux.HandleFunc("POST /revoke", a.revoke)
	mux.HandleFunc("POST /introspect", a.introspect)
	a.srv = httptest.NewServer(mux)
	a.URL = a.srv.URL
	t.Cleanup(a.srv.Close)
	return a
}

// Provider describes this server the way a provider preset does.
func (a *AuthServer) Provider() profile.OAuthProvider {
	return profile.OAuthProvider{
		ID: "test", Name: "Test Identity", AuthURL: a.URL + "/authorize", TokenURL: a.URL + "/token",
		DeviceURL: a.URL + "/device", RevokeURL: a.URL + "/revoke", Scopes: []string{"mail.pop", "mail.smtp", "offline_access"},
		DeviceFlow: true,
	}
}

// SignInAs sets who approves sign-ins from now on (default alice@example.test).
func (a *AuthServer) SignInAs(user string) { a.with(func(s *authState) { s.user = user }) }

// Deny makes the next sign-ins end with access_denied (true) or approve again (false).
func (a *AuthServer) Deny(deny bool) { a.with(func(s *authState) { s.deny = deny }) }

// Rotate sets whether a refresh replaces the refresh token (default true,
// as Microsoft does; Google keeps it).
func (a *AuthServer) Rotate(rotate bool) { a.with(func(s *authState) { s.rotate = rotate }) }

// SlowDown answers the next n device-code polls with slow_down.
func (a *AuthServer) SlowDown(n int) { a.with(func(s *authState) { s.slowDown = n }) }

// Advance moves the server's clock: tokens older than their lifetime stop working.
func (a *AuthServer) Advance(d time.Duration) { a.with(func(s *authState) { s.offset += d }) }

// RevokeUser revokes every refresh and access token of user, as "sign out
// everywhere" or a password change at the provider does.
func (a *AuthServer) RevokeUser(user string) { a.with(func(s *authState) { s.revokeUser(user) }) }

// Stats returns what the server has done so far.
func (a *AuthServer) Stats() AuthStats {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.st.stats
}

// AuthStats counts the server's answers.
type AuthStats struct {
	CodesIssued, Refreshes, Rotations, Introspections, ActiveIntrospections, DevicePolls, SlowDowns int
}

func (a *AuthServer) with(f func(*authState)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f(&a.st)
}

// randomToken is an unguessable token with a readable prefix.
func randomToken(prefix string) string {
	b := make([]byte, 24)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// Issue signs user in for the public client without any flow and returns
// the tokens, for tests of the mail server side.
func (a *AuthServer) Issue(user string) (accessToken, refreshToken string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.st.issue(user, AuthClientID, AuthScope, randomToken("f-"))
	return r.AccessToken, r.RefreshToken
}
