package verify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// A wrong security mode is diagnosed: the port is asked what it speaks, and
// the hint names the setting that works. A greeting that does not come is
// not waited out: the port is asked in parallel, so the failure is the
// mismatch (tls_handshake), never a timeout, well within the deadline.
func TestCheckExplainsSecurityMismatch(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	cases := []struct {
		name     string
		pop      bool
		port     int
		set      profile.Security
		detected string
		flag     string
	}{
		{"STARTTLS set on the POP3S port", true, srv.POP3S, profile.SecuritySTARTTLS, "tls", "--pop-security tls"},
		{"TLS set on the POP3 STLS port", true, srv.POP3STLS, profile.SecurityTLS, "starttls", "--pop-security starttls"},
		{"STARTTLS set on the submissions port", false, srv.Submissions, profile.SecuritySTARTTLS, "tls", "--smtp-security tls"},
		{"TLS set on the submission port", false, srv.SubmissionSTARTTLS, profile.SecurityTLS, "starttls", "--smtp-security starttls"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server := profile.Server{Host: srv.Host, Port: c.port, Security: c.set, Username: alice.Login}
			o := Options{Email: alice.Email, Password: profile.NewPassword(alice.Password), Roots: srv.CAPool,
				Timeout: time.Minute}
			if c.pop {
				o.Incoming = server
			} else {
				o.Outgoing = server
			}
			r := Check(context.Background(), o)
			res := r.SMTP
			if c.pop {
				res = r.POP3
			}
			if res == nil || res.OK || res.Error == nil {
				t.Fatalf("result %+v: want a failure", res)
			}
			if res.Error.Kind != KindTLSHandshake {
				t.Errorf("kind %s, want tls_handshake: %v", res.Error.Kind, res.Error)
			}
			if res.DetectedSecurity != c.detected || !strings.Contains(res.Error.Hint, c.flag) {
				t.Errorf("detected %q, hint %q; want %q and a hint naming %s", res.DetectedSecurity, res.Error.Hint, c.detected, c.flag)
			}
		})
	}
}

// A failure a security mode cannot explain (a wrong password) is left alone.
func TestCheckLeavesOtherFailuresAlone(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	o := Options{Email: alice.Email, Password: profile.NewPassword("wrong"), Roots: srv.CAPool,
		Incoming: profile.Server{Host: srv.Host, Port: srv.POP3S, Security: profile.SecurityTLS, Username: alice.Login}}
	r := Check(context.Background(), o)
	if r.POP3 == nil || r.POP3.Error == nil || r.POP3.Error.Kind != KindAuthFailed || r.POP3.DetectedSecurity != "" {
		t.Fatalf("result %+v", r.POP3)
	}
}
