package mailtest

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// authorize is the authorization endpoint. The signed-in user approves at
// once (or declines after Deny) and the browser is sent to redirect_uri.
func (a *AuthServer) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a.mu.Lock()
	defer a.mu.Unlock()
	s := &a.st
	if _, ok := s.clients[q.Get("client_id")]; !ok || !loopbackRedirect(q.Get("redirect_uri")) {
		http.Error(w, "unknown client_id or redirect_uri not a loopback http URI", http.StatusBadRequest)
		return
	}
	back := url.Values{"state": {q.Get("state")}}
	switch {
	case q.Get("response_type") != "code":
		back.Set("error", "unsupported_response_type")
	case q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "":
		back.Set("error", "invalid_request")
		back.Set("error_description", "PKCE with S256 is required")
	case s.deny:
		back.Set("error", "access_denied")
		back.Set("error_description", "the user declined")
	default:
		code := randomToken("code-")
		s.codes[code] = &authCode{client: q.Get("client_id"), redirect: q.Get("redirect_uri"), challenge: q.Get("code_challenge"),
			scope: q.Get("scope"), user: s.user, expires: s.now().Add(10 * time.Minute), family: randomToken("f-")}
		s.stats.CodesIssued++
		back.Set("code", code)
	}
	http.Redirect(w, r, q.Get("redirect_uri")+"?"+back.Encode(), http.StatusFound)
}

// loopbackRedirect accepts RFC 8252 §7.3 redirects: http, a loopback host, any port.
func loopbackRedirect(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Port() == "" {
		return false
	}
	h := u.Hostname()
	return h == "localhost" || net.ParseIP(h).IsLoopback()
}

// withClient answers a request of an authenticated client under the lock;
// an unknown client or wrong secret gets invalid_client.
func (a *AuthServer) withClient(w http.ResponseWriter, r *http.Request, f func(client string)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	client, oerr := a.st.clientAuth(r)
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	f(client)
}

// token is the token endpoint for the three grants.
func (a *AuthServer) token(w http.ResponseWriter, r *http.Request) {
	a.withClient(w, r, func(client string) { a.grant(w, r, client) })
}

func (a *AuthServer) grant(w http.ResponseWriter, r *http.Request, client string) {
	var resp tokenResponse
	var oerr *oauthError
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		resp, oerr = a.st.codeGrant(r.PostForm.Get("code"), client, r.PostForm.Get("redirect_uri"), r.PostForm.Get("code_verifier"))
	case "refresh_token":
		resp, oerr = a.st.refreshGrant(r.PostForm.Get("refresh_token"), client)
	case "urn:ietf:params:oauth:grant-type:device_code":
		resp, oerr = a.st.deviceGrant(r.PostForm.Get("device_code"), client)
	default:
		oerr = &oauthError{"unsupported_grant_type", "", 400}
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// clientAuth checks client_id (and client_secret for confidential clients),
// in the form body or a Basic header.
func (s *authState) clientAuth(r *http.Request) (string, *oauthError) {
	if err := r.ParseForm(); err != nil {
		return "", &oauthError{"invalid_request", "bad form body", 400}
	}
	id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok {
		id, secret = u, p
	}
	want, ok := s.clients[id]
	if !ok || want != secret {
		return "", &oauthError{"invalid_client", "unknown client or wrong client secret", 401}
	}
	return id, nil
}

// revoke is RFC 7009: revoking a refresh token revokes its sign-in; the
// answer is 200 whether or not the token was known.
func (a *AuthServer) revoke(w http.ResponseWriter, r *http.Request) {
	a.withClient(w, r, func(string) {
		tok := r.PostForm.Get("token")
		if t := a.st.refresh[tok]; t != nil {
			a.st.revokeFamily(t.family)
		} else if t := a.st.access[tok]; t != nil {
			t.revoked = true
		}
		w.WriteHeader(http.StatusOK)
	})
}

// introspect is RFC 7662, answering what Dovecot's oauth2 passdb reads:
// active, and the user the token belongs to.
func (a *AuthServer) introspect(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.st.stats.Introspections++
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"active": false})
		return
	}
	t := a.st.activeToken(strings.TrimSpace(r.PostForm.Get("token")))
	if t == nil {
		writeJSON(w, http.StatusOK, map[string]any{"active": false})
		return
	}
	a.st.stats.ActiveIntrospections++
	writeJSON(w, http.StatusOK, map[string]any{"active": true, "username": t.user, "email": t.user,
		"scope": t.scope, "client_id": t.client, "token_type": "Bearer", "exp": t.expires.Unix()})
}

func writeOAuthError(w http.ResponseWriter, e *oauthError) { writeJSON(w, e.status, e) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
