package verify

import (
	"context"
	"net"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestPOP3SecurityModes(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	cases := []struct {
		name      string
		port      int
		sec       profile.Security
		plaintext bool
		wantTLS   bool
	}{
		{"implicit TLS", srv.POP3S, profile.SecurityTLS, false, true},
		{"STLS on the strict port", srv.POP3STLS, profile.SecuritySTARTTLS, false, true},
		{"STLS on the lenient port", srv.POP3Lenient, profile.SecuritySTARTTLS, false, true},
		{"cleartext with consent", srv.POP3Lenient, profile.SecurityNone, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := popOpts(srv, alice, c.port, c.sec)
			o.AllowPlaintext = c.plaintext
			res := runPOP3Check(t, o)
			wantOK(t, res)
			if (res.TLS != nil) != c.wantTLS {
				t.Errorf("TLS = %+v, want TLS %v", res.TLS, c.wantTLS)
			}
			if res.Mailbox == nil || res.Mailbox.Messages != 3 || !res.Mailbox.UIDL || res.Mailbox.Octets <= 0 {
				t.Errorf("mailbox = %+v, want 3 messages with UIDL", res.Mailbox)
			}
			if res.Greeting != "+OK Dovecot ready." || !slices.Contains(res.Caps, "UIDL") {
				t.Errorf("greeting %q caps %q", res.Greeting, res.Caps)
			}
			assertNoSecret(t, res, alice.Login, alice.Password)
		})
	}
}

func TestPOP3Mechanisms(t *testing.T) {
	srv := mailtest.Shared(t)
	mechs := []profile.AuthMethod{profile.AuthAuto, profile.AuthPlain, profile.AuthLogin, profile.AuthCRAMMD5,
		profile.AuthSCRAMSHA1, profile.AuthSCRAMSHA256, profile.AuthUserPass}
	for _, name := range []string{"alice", "bob", "carol"} {
		u := srv.User(name)
		for _, m := range mechs {
			t.Run(name+"/"+m.String(), func(t *testing.T) {
				o := popOpts(srv, u, srv.POP3S, profile.SecurityTLS)
				o.Incoming.Auth = m
				res := runPOP3Check(t, o)
				wantOK(t, res)
				if want := wantMechName(m); res.AuthMech != want {
					t.Errorf("mechanism %q, want %q", res.AuthMech, want)
				}
				assertNoSecret(t, res, u.Login, u.Password)
			})
		}
	}
}

func wantMechName(m profile.AuthMethod) string {
	switch m {
	case profile.AuthAuto:
		return "PLAIN"
	case profile.AuthUserPass:
		return "USER"
	}
	return m.SASLName()
}

func TestPOP3WrongPasswordEveryMechanism(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	for _, m := range []profile.AuthMethod{profile.AuthPlain, profile.AuthLogin, profile.AuthCRAMMD5,
		profile.AuthSCRAMSHA1, profile.AuthSCRAMSHA256, profile.AuthUserPass} {
		t.Run(m.String(), func(t *testing.T) {
			o := popOpts(srv, alice, srv.POP3S, profile.SecurityTLS)
			o.Incoming.Auth = m
			o.Password = profile.NewPassword("wrong-Passw0rd")
			res := runPOP3Check(t, o)
			wantKind(t, res, KindAuthFailed)
			if !strings.Contains(res.Error.ServerText, "Authentication failed") || res.Error.Step != StepAuth {
				t.Errorf("server text %q step %s", res.Error.ServerText, res.Error.Step)
			}
			assertNoSecret(t, res, alice.Login, "wrong-Passw0rd")
		})
	}
}

// dave's password is stored hashed: CRAM-MD5 cannot work, and the failure
// must say why; automatic choice over TLS picks PLAIN, which works.
func TestPOP3HashedPasswordUser(t *testing.T) {
	srv := mailtest.Shared(t)
	dave := srv.User("dave")
	o := popOpts(srv, dave, srv.POP3S, profile.SecurityTLS)
	o.Incoming.Auth = profile.AuthCRAMMD5
	res := runPOP3Check(t, o)
	wantKind(t, res, KindAuthFailed)
	if !strings.Contains(res.Error.Hint, "CRAM-MD5") {
		t.Errorf("hint does not explain the mechanism: %q", res.Error.Hint)
	}
	o.Incoming.Auth = profile.AuthAuto
	wantOK(t, runPOP3Check(t, o))
}

func TestPOP3UsernameVariants(t *testing.T) {
	srv := mailtest.Shared(t)
	cases := []struct{ user, configured, want string }{
		{"erin", "erin@example.test", "erin"},
		{"alice", "alice", "alice@example.test"},
	}
	for _, c := range cases {
		t.Run(c.user, func(t *testing.T) {
			o := popOpts(srv, srv.User(c.user), srv.POP3S, profile.SecurityTLS)
			o.Incoming.Username, o.UsernameVariants = c.configured, true
			res := runPOP3Check(t, o)
			wantOK(t, res)
			if !res.UsernameCorrected || res.Server.Username != c.want ||
				!slices.Equal(res.UsernameTried, []string{c.configured, c.want}) {
				t.Errorf("corrected=%v server user %q tried %q", res.UsernameCorrected, res.Server.Username, res.UsernameTried)
			}
		})
	}
	t.Run("disabled", func(t *testing.T) {
		o := popOpts(srv, srv.User("erin"), srv.POP3S, profile.SecurityTLS)
		o.Incoming.Username = "erin@example.test"
		wantKind(t, runPOP3Check(t, o), KindAuthFailed)
	})
}

// Without consent nothing secret is sent before TLS: we refuse before the
// server can, and the transcript proves no credential left.
func TestPOP3CleartextRefusedWithoutConsent(t *testing.T) {
	srv := mailtest.Shared(t)
	alice := srv.User("alice")
	for _, port := range []int{srv.POP3STLS, srv.POP3Lenient} {
		o := popOpts(srv, alice, port, profile.SecurityNone)
		res := runPOP3Check(t, o)
		wantKind(t, res, KindPlaintextRefused)
		if !strings.Contains(res.Error.Hint, "--pop-security starttls") {
			t.Errorf("Dovecot offers STLS, yet the hint is %q", res.Error.Hint)
		}
		for _, l := range res.Transcript {
			verb := strings.ToUpper(strings.SplitN(l.Text, " ", 2)[0])
			if l.Dir == "C" && (verb == "AUTH" || verb == "USER" || verb == "PASS" || verb == "APOP") {
				t.Fatalf("sent %q before TLS without consent", l.Text)
			}
		}
	}
}

// With consent but on the strict port, the server itself refuses PLAIN
// before TLS; the error says so instead of "wrong password".
func TestPOP3ServerRefusesCleartext(t *testing.T) {
	srv := mailtest.Shared(t)
	o := popOpts(srv, srv.User("alice"), srv.POP3STLS, profile.SecurityNone)
	o.AllowPlaintext, o.Incoming.Auth = true, profile.AuthUserPass
	res := runPOP3Check(t, o)
	wantKind(t, res, KindPlaintextRefused)
	if !strings.Contains(res.Error.ServerText, "Plaintext authentication disallowed") {
		t.Errorf("server text %q", res.Error.ServerText)
	}
}

func TestPOP3UntrustedCertificateAndPin(t *testing.T) {
	srv := mailtest.Shared(t)
	o := popOpts(srv, srv.User("alice"), srv.POP3S, profile.SecurityTLS)
	o.Roots = nil // system roots: the throwaway CA is unknown
	res := runPOP3Check(t, o)
	wantKind(t, res, KindTLSCertificate)
	c := res.Error.Cert
	if c == nil || c.Problem != "unknown_authority" || len(c.SHA256) != 95 || !strings.Contains(res.Error.Hint, c.SHA256) {
		t.Fatalf("cert info %+v hint %q", c, res.Error.Hint)
	}
	o.PinSHA256 = []string{strings.ToLower(strings.ReplaceAll(c.SHA256, ":", ""))}
	res = runPOP3Check(t, o)
	wantOK(t, res)
	if !res.TLS.Cert.Pinned || res.TLS.Cert.SHA256 != c.SHA256 {
		t.Errorf("TLS cert %+v, want pinned %s", res.TLS.Cert, c.SHA256)
	}
}

// mapDialer sends every connection to one address, whatever the host name.
type mapDialer struct{ addr string }

func (d mapDialer) DialContext(ctx context.Context, network, _ string) (net.Conn, error) {
	var nd net.Dialer
	return nd.DialContext(ctx, network, d.addr)
}

func TestPOP3CertificateNameMismatch(t *testing.T) {
	srv := mailtest.Shared(t)
	o := popOpts(srv, srv.User("alice"), srv.POP3S, profile.SecurityTLS)
	o.Incoming.Host = "mail.example.test"
	o.Dialer = mapDialer{net.JoinHostPort(srv.Host, itoa(srv.POP3S))}
	res := runPOP3Check(t, o)
	wantKind(t, res, KindTLSCertificate)
	c := res.Error.Cert
	if c.Problem != "name_mismatch" || !slices.Contains(c.DNSNames, "localhost") || !strings.Contains(res.Error.Hint, "localhost") {
		t.Errorf("cert %+v hint %q", c, res.Error.Hint)
	}
}
