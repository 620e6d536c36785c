package mailtest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// authDeviceInterval is the polling interval the server asks for (RFC 8628 §3.2).
const authDeviceInterval = time.Second

// deviceAuthorization is the device authorization endpoint (RFC 8628 §3.1).
func (a *AuthServer) deviceAuthorization(w http.ResponseWriter, r *http.Request) {
	a.withClient(w, r, func(client string) { a.newDeviceCode(w, r, client) })
}

func (a *AuthServer) newDeviceCode(w http.ResponseWriter, r *http.Request, client string) {
	dc, uc := randomToken("dc-"), userCode()
	a.st.devices[dc] = &deviceGrant{client: client, scope: r.PostForm.Get("scope"), userCode: uc,
		expires: a.st.now().Add(10 * time.Minute), interval: authDeviceInterval}
	writeJSON(w, http.StatusOK, map[string]any{
		"device_code": dc, "user_code": uc, "verification_uri": a.URL + "/activate",
		"verification_uri_complete": a.URL + "/activate?" + url.Values{"user_code": {uc}}.Encode(),
		"expires_in":                600, "interval": int(authDeviceInterval / time.Second),
	})
}

// userCode is eight letters from an alphabet without look-alikes, as RFC 8628 §6.1 suggests.
func userCode() string {
	const alphabet = "BCDFGHJKLMNPQRSTVWXZ"
	raw := randomToken("")
	var b strings.Builder
	for i := range 8 {
		if i == 4 {
			b.WriteByte('-')
		}
		b.WriteByte(alphabet[int(raw[i])%len(alphabet)])
	}
	return b.String()
}

// deviceGrant answers one poll (RFC 8628 §3.4, §3.5).
func (s *authState) deviceGrant(dc, client string) (tokenResponse, *oauthError) {
	d := s.devices[dc]
	if d == nil || d.client != client || d.done {
		return tokenResponse{}, errGrant("unknown device code")
	}
	s.stats.DevicePolls++
	now := s.now()
	early := !d.lastPoll.IsZero() && now.Sub(d.lastPoll) < d.interval-100*time.Millisecond
	d.lastPoll = now
	switch {
	case now.After(d.expires):
		return tokenResponse{}, &oauthError{"expired_token", "the device code expired", 400}
	case d.denied:
		d.done = true
		return tokenResponse{}, &oauthError{"access_denied", "the user declined", 400}
	case s.slowDown > 0 || early:
		s.slowDown = max(s.slowDown-1, 0)
		s.stats.SlowDowns++
		d.interval += 5 * time.Second
		return tokenResponse{}, &oauthError{"slow_down", "", 400}
	case !d.approved:
		return tokenResponse{}, &oauthError{"authorization_pending", "", 400}
	}
	d.done = true
	return s.issue(d.user, d.client, d.scope, randomToken("f-")), nil
}

// activate is the verification page: the signed-in user enters the code.
func (a *AuthServer) activate(w http.ResponseWriter, r *http.Request) {
	if err := a.ApproveDevice(r.URL.Query().Get("user_code")); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	fmt.Fprintln(w, "Device approved.")
}

// ApproveDevice plays the person who types the user code: the signed-in
// user approves it (or declines after Deny).
func (a *AuthServer) ApproveDevice(code string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, d := range a.st.devices {
		if d.userCode == code && !d.done {
			d.user, d.approved, d.denied = a.st.user, !a.st.deny, a.st.deny
			return nil
		}
	}
	return fmt.Errorf("no pending device code %q", code)
}
