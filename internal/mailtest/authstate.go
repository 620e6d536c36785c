package mailtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"time"
)

// authState is everything an AuthServer remembers; AuthServer.mu guards it.
type authState struct {
	user     string
	deny     bool
	rotate   bool
	slowDown int
	offset   time.Duration
	clients  map[string]string // client ID → secret ("" for public clients)
	codes    map[string]*authCode
	devices  map[string]*deviceGrant // by device_code
	access   map[string]*issuedToken
	refresh  map[string]*issuedToken
	stats    AuthStats
}

// authCode is one authorization code, bound to what the client sent.
type authCode struct {
	client, redirect, challenge, scope, user string
	expires                                  time.Time
	used                                     bool
	family                                   string // tokens issued for it, revoked if the code is replayed
}

// issuedToken is an access or refresh token. Tokens of one sign-in share a family.
type issuedToken struct {
	user, client, scope, family string
	expires                     time.Time // zero for refresh tokens that do not expire
	revoked, used               bool      // used: a rotated-away refresh token
}

// deviceGrant is one device authorization (RFC 8628).
type deviceGrant struct {
	client, scope, userCode, user string
	expires, lastPoll             time.Time
	interval                      time.Duration
	approved, denied, done        bool
}

func newAuthState() authState {
	return authState{
		user: "alice@example.test", rotate: true,
		clients: map[string]string{AuthClientID: "", AuthDesktopID: AuthDesktopSecret},
		codes:   map[string]*authCode{}, devices: map[string]*deviceGrant{},
		access: map[string]*issuedToken{}, refresh: map[string]*issuedToken{},
	}
}

func (s *authState) now() time.Time { return time.Now().Add(s.offset) }

// tokenResponse is the RFC 6749 §5.1 answer.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope,omitempty"`
}

// issue makes an access token and a refresh token for a sign-in.
func (s *authState) issue(user, client, scope, family string) tokenResponse {
	at, rt := randomToken("at-"), randomToken("rt-")
	s.access[at] = &issuedToken{user: user, client: client, scope: scope, family: family, expires: s.now().Add(AuthTokenLifetime)}
	s.refresh[rt] = &issuedToken{user: user, client: client, scope: scope, family: family}
	return tokenResponse{at, "Bearer", int(AuthTokenLifetime / time.Second), rt, scope}
}

// refreshGrant is RFC 6749 §6 with rotation and reuse detection: a
// refresh token that was already replaced revokes its whole family.
func (s *authState) refreshGrant(rt, client string) (tokenResponse, *oauthError) {
	t := s.refresh[rt]
	switch {
	case t == nil || t.client != client:
		return tokenResponse{}, errGrant("unknown refresh token")
	case t.used:
		s.revokeFamily(t.family)
		return tokenResponse{}, errGrant("refresh token was already used; the sign-in is revoked")
	case t.revoked:
		return tokenResponse{}, errGrant("refresh token was revoked")
	}
	s.stats.Refreshes++
	resp := s.issue(t.user, t.client, t.scope, t.family)
	if !s.rotate {
		delete(s.refresh, resp.RefreshToken)
		resp.RefreshToken = ""
		return resp, nil
	}
	t.used = true
	s.stats.Rotations++
	return resp, nil
}

// codeGrant checks an authorization code against the PKCE verifier.
func (s *authState) codeGrant(code, client, redirect, verifier string) (tokenResponse, *oauthError) {
	c := s.codes[code]
	switch {
	case c == nil || c.client != client:
		return tokenResponse{}, errGrant("unknown authorization code")
	case c.used:
		s.revokeFamily(c.family)
		return tokenResponse{}, errGrant("authorization code was already used")
	case s.now().After(c.expires):
		return tokenResponse{}, errGrant("authorization code expired")
	case c.redirect != redirect:
		return tokenResponse{}, errGrant("redirect_uri does not match the authorization request")
	case !pkceMatches(verifier, c.challenge):
		return tokenResponse{}, errGrant("PKCE verification failed")
	}
	c.used = true
	return s.issue(c.user, client, c.scope, c.family), nil
}

// pkceMatches is RFC 7636 §4.6 for S256.
func pkceMatches(verifier, challenge string) bool {
	if len(verifier) < 43 || len(verifier) > 128 {
		return false
	}
	sum := sha256.Sum256([]byte(verifier))
	return subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(challenge)) == 1
}

// activeToken returns the access token if it is known, unrevoked and unexpired.
func (s *authState) activeToken(tok string) *issuedToken {
	t := s.access[tok]
	if t == nil || t.revoked || !s.now().Before(t.expires) {
		return nil
	}
	return t
}

func (s *authState) revokeFamily(family string) {
	for _, m := range []map[string]*issuedToken{s.access, s.refresh} {
		for _, t := range m {
			if t.family == family {
				t.revoked = true
			}
		}
	}
}

func (s *authState) revokeUser(user string) {
	for _, m := range []map[string]*issuedToken{s.access, s.refresh} {
		for _, t := range m {
			if t.user == user {
				t.revoked = true
			}
		}
	}
}

// oauthError is an RFC 6749 §5.2 error answer.
type oauthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
	status      int
}

func errGrant(why string) *oauthError { return &oauthError{"invalid_grant", why, 400} }
