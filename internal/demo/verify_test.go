package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/demo"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// check runs setupwiz's own verifier against the demo servers.
func check(s *demo.Server, in, out profile.Server, password string, sendTest bool) verify.Result {
	return verify.Check(context.Background(), verify.Options{
		Email: s.Email, Incoming: in, Outgoing: out, Password: profile.NewPassword(password),
		Roots: s.Roots, SendTest: sendTest,
	})
}

// TestVerifierAcceptsEveryDemoPort is what the wizard sees: each security mode
// of each service verifies, and POP3 reports the demo mailbox.
func TestVerifierAcceptsEveryDemoPort(t *testing.T) {
	s := start(t, demo.Options{})
	pop3, smtp := s.Servers()
	if len(pop3) != 2 || len(smtp) != 2 {
		t.Fatalf("Servers() = %d POP3 and %d SMTP, want 2 each", len(pop3), len(smtp))
	}
	for i := range pop3 {
		t.Run(pop3[i].Security.String(), func(t *testing.T) {
			r := check(s, pop3[i], smtp[i], s.Password, false)
			for _, sr := range []*verify.ServiceResult{r.POP3, r.SMTP} {
				if sr == nil || !sr.OK {
					t.Fatalf("not verified: %+v", sr)
				}
			}
			if pop3[i].Security != smtp[i].Security {
				t.Errorf("Servers()[%d]: POP3 %s and SMTP %s", i, pop3[i].Security, smtp[i].Security)
			}
			if m := r.POP3.Mailbox; m == nil || m.Messages != 4 || !m.UIDL {
				t.Errorf("mailbox = %+v, want 4 messages with UIDL", m)
			}
			if r.POP3.TLS == nil || r.SMTP.TLS == nil {
				t.Errorf("no TLS info recorded: POP3 %+v, SMTP %+v", r.POP3.TLS, r.SMTP.TLS)
			}
		})
	}
}

func TestVerifierSeesWrongPassword(t *testing.T) {
	s := start(t, demo.Options{})
	r := check(s, s.Profile().Incoming, s.Profile().Outgoing, "wrong", false)
	for _, sr := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if sr == nil || sr.OK || sr.Error == nil || sr.Error.Kind != verify.KindAuthFailed {
			t.Errorf("wrong password: %+v, want auth_failed", sr)
		}
	}
	if r.POP3 != nil && r.POP3.Error != nil && !strings.Contains(r.POP3.Error.ServerText, "[AUTH] Authentication failed.") {
		t.Errorf("POP3 server text %q", r.POP3.Error.ServerText)
	}
}

// TestPlaintextLoginIsRefusedByTheServer checks the server's side of the
// policy: even a client that allows plaintext gets no login before TLS.
func TestPlaintextLoginIsRefusedByTheServer(t *testing.T) {
	s := start(t, demo.Options{})
	r := verify.Check(context.Background(), verify.Options{
		Email: s.Email, Incoming: profile.Server{Host: s.Host, Port: s.POP3, Security: profile.SecurityNone, Username: s.Username}, Password: profile.NewPassword(s.Password),
		Roots: s.Roots, AllowPlaintext: true,
	})
	if r.POP3 == nil || r.POP3.OK || r.POP3.Error == nil {
		t.Fatalf("cleartext POP3 login on the STLS port: %+v, want a failure", r.POP3)
	}
	// The STLS port offers no login method before STLS, so even a client
	// allowed to send the password in the clear finds none to use.
	if k := r.POP3.Error.Kind; k != verify.KindAuthUnsupported && k != verify.KindPlaintextRefused {
		t.Errorf("kind = %s (%q), want auth_unsupported or plaintext_refused", k, r.POP3.Error.ServerText)
	}
}

func TestVerifierSendTestRoundTrip(t *testing.T) {
	s := start(t, demo.Options{})
	r := check(s, s.Profile().Incoming, s.Profile().Outgoing, s.Password, true)
	if r.SendTest == nil || !r.SendTest.OK || !r.SendTest.Arrived {
		t.Fatalf("send test = %+v (POP3 %+v, SMTP %+v)", r.SendTest, r.POP3, r.SMTP)
	}
	if got := s.Received(); len(got) != 1 {
		t.Errorf("the demo server recorded %d messages, want 1", len(got))
	}
}
