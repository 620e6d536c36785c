package verify

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// smtpOpts returns options that check only SMTP on port with sec, as user.
func smtpOpts(srv *mailtest.Server, user mailtest.User, port int, sec profile.Security) *Options {
	return &Options{
		Email:      user.Email,
		Outgoing:   profile.Server{Host: srv.Host, Port: port, Security: sec, Username: user.Login},
		Password:   profile.NewPassword(user.Password),
		Roots:      srv.CAPool,
		Transcript: true,
	}
}

func smtpTranscript(lines []TranscriptLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Dir + " " + l.Text + "\n")
	}
	return b.String()
}

// assertNoSecret fails if the password or its base64 forms appear anywhere in text.
func smtpNoSecret(t *testing.T, text, password string) {
	t.Helper()
	for _, s := range []string{password, base64.StdEncoding.EncodeToString([]byte(password)),
		base64.StdEncoding.EncodeToString([]byte("\x00" + password))} {
		if strings.Contains(text, s) {
			t.Fatalf("transcript leaks the password (or its base64):\n%s", text)
		}
	}
}

func stepNames(steps []Step) []StepName {
	var out []StepName
	for _, s := range steps {
		out = append(out, s.Name)
	}
	return out
}

func TestSMTPSecurityModes(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	cases := []struct {
		name  string
		port  int
		sec   profile.Security
		steps []StepName
	}{
		{"implicit TLS", srv.Submissions, profile.SecurityTLS,
			[]StepName{StepResolve, StepConnect, StepTLS, StepGreeting, StepCapa, StepAuth, StepQuit}},
		{"STARTTLS", srv.SubmissionSTARTTLS, profile.SecuritySTARTTLS,
			[]StepName{StepResolve, StepConnect, StepGreeting, StepCapa, StepSTARTTLS, StepCapa, StepAuth, StepQuit}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := checkSMTP(context.Background(), smtpOpts(srv, alice, c.port, c.sec))
			if !res.OK {
				t.Fatalf("not OK: %v\n%s", res.Error, smtpTranscript(res.Transcript))
			}
			if got := stepNames(res.Steps); !slices.Equal(got, c.steps) {
				t.Errorf("steps = %v, want %v", got, c.steps)
			}
			if res.TLS == nil || res.TLS.Version == "" || res.TLS.Cert.SHA256 != srv.CertSHA256() {
				t.Errorf("TLS info = %+v, want the server's certificate %s", res.TLS, srv.CertSHA256())
			}
			if res.Greeting != "220 localhost Dovecot ready." {
				t.Errorf("greeting = %q", res.Greeting)
			}
			if args, ok := capArgs(res.Caps, "AUTH"); !ok || !slices.Contains(args, "PLAIN") {
				t.Errorf("caps %q lack AUTH PLAIN", res.Caps)
			}
			if res.AuthMech != "PLAIN" || res.Server.Username != alice.Login || res.UsernameCorrected {
				t.Errorf("mech %q user %q corrected %v", res.AuthMech, res.Server.Username, res.UsernameCorrected)
			}
			smtpNoSecret(t, smtpTranscript(res.Transcript), alice.Password)
		})
	}
}

// TestSMTPStartTLSNoCredentialBeforeTLS: on the strict STARTTLS port the
// first AUTH line in the transcript comes after TLS is established.
func TestSMTPStartTLSNoCredentialBeforeTLS(t *testing.T) {
	srv := mailtest.Shared(t)
	res := checkSMTP(context.Background(), smtpOpts(srv, srv.User("alice"), srv.SubmissionSTARTTLS, profile.SecuritySTARTTLS))
	if !res.OK {
		t.Fatalf("not OK: %v", res.Error)
	}
	tlsAt, authAt := -1, -1
	for i, l := range res.Transcript {
		if l.Dir == "*" && strings.Contains(l.Text, "established") && tlsAt < 0 {
			tlsAt = i
		}
		if l.Dir == "C" && strings.HasPrefix(l.Text, "AUTH") && authAt < 0 {
			authAt = i
		}
	}
	if tlsAt < 0 || authAt < tlsAt {
		t.Fatalf("AUTH (line %d) before TLS (line %d):\n%s", authAt, tlsAt, smtpTranscript(res.Transcript))
	}
}

func TestSMTPMechanisms(t *testing.T) {
	srv := mailtest.Shared(t)
	for _, name := range []string{"alice", "bob", "carol"} {
		user := srv.User(name)
		for _, auth := range []profile.AuthMethod{profile.AuthPlain, profile.AuthLogin, profile.AuthCRAMMD5,
			profile.AuthSCRAMSHA1, profile.AuthSCRAMSHA256} {
			t.Run(name+"/"+auth.String(), func(t *testing.T) {
				o := smtpOpts(srv, user, srv.Submissions, profile.SecurityTLS)
				o.Outgoing.Auth = auth
				res := checkSMTP(context.Background(), o)
				if !res.OK || res.AuthMech != auth.SASLName() {
					t.Fatalf("OK=%v mech=%q err=%v\n%s", res.OK, res.AuthMech, res.Error, smtpTranscript(res.Transcript))
				}
				smtpNoSecret(t, smtpTranscript(res.Transcript), user.Password)
			})
		}
	}
}

func TestSMTPWrongPassword(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	o := smtpOpts(srv, alice, srv.Submissions, profile.SecurityTLS)
	o.Password = profile.NewPassword("not-" + alice.Password)
	res := checkSMTP(context.Background(), o)
	if res.OK || res.Error.Kind != KindAuthFailed || res.Error.Step != StepAuth {
		t.Fatalf("want auth_failed at login, got %v", res.Error)
	}
	if res.Error.ServerText != "535 5.7.8 Authentication failed." {
		t.Errorf("server text = %q", res.Error.ServerText)
	}
	if res.Error.Hint == "" || !strings.Contains(res.Error.Error(), "auth_failed") {
		t.Errorf("error lacks hint or kind: %v / %q", res.Error, res.Error.Hint)
	}
	smtpNoSecret(t, smtpTranscript(res.Transcript)+res.Error.Error(), o.Password.Reveal())
}

// TestSMTPUsernameVariants: the wrong form of the user name is corrected on
// a connection of its own, and the result says which form worked.
func TestSMTPUsernameVariants(t *testing.T) {
	srv := mailtest.Shared(t)
	cases := []struct{ user, configured, want string }{
		{"erin", "erin@example.test", "erin"},
		{"alice", "alice", "alice@example.test"},
	}
	for _, c := range cases {
		t.Run(c.configured, func(t *testing.T) {
			o := smtpOpts(srv, srv.User(c.user), srv.Submissions, profile.SecurityTLS)
			o.Outgoing.Username, o.UsernameVariants = c.configured, true
			res := checkSMTP(context.Background(), o)
			if !res.OK || res.Server.Username != c.want || !res.UsernameCorrected {
				t.Fatalf("OK=%v user=%q corrected=%v err=%v", res.OK, res.Server.Username, res.UsernameCorrected, res.Error)
			}
			if !slices.Equal(res.UsernameTried, []string{c.configured, c.want}) {
				t.Errorf("tried %q", res.UsernameTried)
			}
			connects := 0
			for _, s := range res.Steps {
				if s.Name == StepConnect {
					connects++
				}
			}
			if connects != 2 {
				t.Errorf("%d connections, want one per user name", connects)
			}
		})
	}
}

// TestSMTPPlaintextRefusedByUs: without AllowPlaintext nothing is sent
// before TLS, not even a challenge-response mechanism the server offers.
func TestSMTPPlaintextRefusedByUs(t *testing.T) {
	srv := mailtest.Shared(t)
	res := checkSMTP(context.Background(), smtpOpts(srv, srv.User("alice"), srv.SubmissionSTARTTLS, profile.SecurityNone))
	if res.OK || res.Error.Kind != KindPlaintextRefused {
		t.Fatalf("want plaintext_refused, got %v", res.Error)
	}
	if !strings.Contains(res.Error.Hint, "--smtp-security starttls") {
		t.Errorf("Dovecot offers STARTTLS, yet the hint is %q", res.Error.Hint)
	}
	if text := smtpTranscript(res.Transcript); strings.Contains(text, "C AUTH") {
		t.Fatalf("AUTH was sent in the clear:\n%s", text)
	}
}
