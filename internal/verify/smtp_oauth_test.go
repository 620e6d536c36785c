package verify

import (
	"context"
	"encoding/base64"
	"net"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

const oauthTestToken = "ya29.smtp-oauth-token"

// oauthSMTP accepts AUTH only with a well-formed XOAUTH2 (Google's format)
// or OAUTHBEARER (RFC 7628) initial response carrying oauthTestToken for
// faultUser, and answers anything else like a provider rejecting a token.
func oauthSMTP(c net.Conn) {
	script := smtpScript{greeting: smtpGreeting, replies: map[string]string{
		"EHLO": "250-fake.example\r\n250-AUTH PLAIN XOAUTH2 OAUTHBEARER\r\n250 8BITMIME\r\n"}}
	serveLines(c, script.greeting, func(line string) string {
		f := strings.Fields(line)
		if len(f) == 3 && strings.EqualFold(f[0], "AUTH") {
			return oauthReply(f[1], f[2])
		}
		inAuth := false
		return script.reply(line, &inAuth)
	})
}

func oauthReply(mech, b64 string) string {
	raw, err := base64.StdEncoding.DecodeString(b64)
	ok := err == nil
	switch mech {
	case "XOAUTH2":
		ok = ok && string(raw) == "user="+faultUser+"\x01auth=Bearer "+oauthTestToken+"\x01\x01"
	case "OAUTHBEARER":
		ok = ok && strings.HasPrefix(string(raw), "n,a="+faultUser+",") &&
			strings.HasSuffix(string(raw), "\x01auth=Bearer "+oauthTestToken+"\x01\x01")
	default:
		ok = false
	}
	if ok {
		return "235 2.7.0 Accepted\r\n"
	}
	return "535 5.7.8 Username and Password not accepted\r\n"
}

// TestSMTPOAuthMechanisms: with a token, SMTP logs in with OAUTHBEARER (or
// the XOAUTH2 asked for) in the format the provider checks, and the token
// stays out of the transcript.
func TestSMTPOAuthMechanisms(t *testing.T) {
	cases := []struct {
		auth profile.AuthMethod
		want string
	}{
		{profile.AuthAuto, "OAUTHBEARER"},
		{profile.AuthOAuthBearer, "OAUTHBEARER"},
		{profile.AuthXOAuth2, "XOAUTH2"},
	}
	for _, c := range cases {
		t.Run(c.auth.String(), func(t *testing.T) {
			checkNoLeak(t)
			port := startFake(t, nil, oauthSMTP)
			o := smtpFaultOpts(port, profile.SecurityNone)
			o.Outgoing.Auth, o.OAuthToken, o.Password = c.auth, profile.NewPassword(oauthTestToken), profile.Password{}
			res := checkSMTP(context.Background(), o)
			if !res.OK || res.AuthMech != c.want {
				t.Fatalf("OK=%v mech=%q err=%v\n%s", res.OK, res.AuthMech, res.Error, smtpTranscript(res.Transcript))
			}
			text := smtpTranscript(res.Transcript)
			if strings.Contains(text, oauthTestToken) || strings.Contains(text, base64.StdEncoding.EncodeToString([]byte("user="+faultUser))) {
				t.Errorf("token in the transcript:\n%s", text)
			}
		})
	}
}
