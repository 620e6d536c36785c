package verify

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// The mechanisms Dovecot cannot run here (APOP, XOAUTH2, OAUTHBEARER) go to
// a scripted server that accepts anything; nothing secret may reach the
// transcript on the way. Dovecot-backed tests cover the others.
func TestPOP3RedactionScripted(t *testing.T) {
	const token = "ya29.secret-oauth-token"
	cases := []struct {
		name   string
		auth   profile.AuthMethod
		secret string
		reply  string
	}{
		{"APOP", profile.AuthAPOP, "s3cret-Passw0rd", "+OK maildrop locked\r\n"},
		{"XOAUTH2", profile.AuthXOAuth2, token, "+OK\r\n"},
		{"OAUTHBEARER", profile.AuthOAuthBearer, token, "+OK\r\n"},
		{"XOAUTH2 rejected", profile.AuthXOAuth2, token,
			"+ eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkNoLeak(t)
			serve := pop3Script{greeting: "+OK ready <1896.697170952@dbc.mtview.ca.us>\r\n", replies: map[string]string{
				"CAPA": "+OK\r\nSASL XOAUTH2 OAUTHBEARER\r\n.\r\n", "APOP": c.reply, "AUTH": c.reply,
				"": "-ERR [AUTH] Invalid credentials\r\n", "STAT": "+OK 0 0\r\n", "UIDL": "+OK\r\n.\r\n"}}.serve
			port := startFake(t, nil, serve)
			o := faultOpts(port, profile.SecurityNone)
			o.Incoming.Auth, o.OAuthToken = c.auth, profile.NewPassword(token)
			res := runPOP3Check(t, o)
			text := transcriptText(res)
			for _, s := range []string{c.secret, base64.StdEncoding.EncodeToString([]byte("user=user@example.test\x01auth=Bearer " + token + "\x01\x01"))} {
				if strings.Contains(text, s) || strings.Contains(text, base64.StdEncoding.EncodeToString([]byte(s))) {
					t.Fatalf("secret in transcript:\n%s", text)
				}
			}
			if !strings.Contains(text, "[redacted]") {
				t.Errorf("nothing redacted?\n%s", text)
			}
		})
	}
}
