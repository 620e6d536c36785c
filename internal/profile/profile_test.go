package profile_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

func valid() profile.Profile {
	p := profile.New("Jane.Doe@Spectrum.net", "Jane Doe")
	p.Incoming.Host, p.Outgoing.Host = "pop.spectrum.net", "mail.spectrum.net"
	return p
}

func TestNewDefaults(t *testing.T) {
	p := valid()
	if err := p.Validate(); err != nil {
		t.Fatalf("default profile invalid: %v", err)
	}
	if p.Incoming.Username != "Jane.Doe@Spectrum.net" || p.Outgoing.Username != p.Incoming.Username {
		t.Errorf("username should default to the full address, got %q/%q", p.Incoming.Username, p.Outgoing.Username)
	}
	if !p.POP.LeaveOnServer || p.POP.DeleteWhenDeleted {
		t.Errorf("POP defaults must keep mail on the server: %+v", p.POP)
	}
	if p.Name != "jane.doe@spectrum.net" {
		t.Errorf("name = %q", p.Name)
	}
}

func TestValidateReportsEveryField(t *testing.T) {
	tests := []struct {
		field string
		edit  func(*profile.Profile)
	}{
		{"email", func(p *profile.Profile) { p.Email = "no-at-sign" }},
		{"name", func(p *profile.Profile) { p.Name = "../etc/passwd" }},
		{"display_name", func(p *profile.Profile) { p.DisplayName = "x\ny" }},
		{"incoming.host", func(p *profile.Profile) { p.Incoming.Host = "bad host" }},
		{"incoming.port", func(p *profile.Profile) { p.Incoming.Port = 70000 }},
		{"incoming.username", func(p *profile.Profile) { p.Incoming.Username = " " }},
		{"outgoing.security", func(p *profile.Profile) { p.Outgoing.Security = 9 }},
		{"outgoing.username", func(p *profile.Profile) { p.Outgoing.Username = "a\r\nRSET" }},
		{"pop.keep_days", func(p *profile.Profile) { p.POP.KeepDays = -1 }},
		{"pop.leave_on_server", func(p *profile.Profile) { p.POP.LeaveOnServer = false; p.POP.KeepDays = 3 }},
		{"secret.ref", func(p *profile.Profile) { p.Secret = profile.SecretRef{Kind: profile.SecretCommand} }},
		{"secret.kind", func(p *profile.Profile) { p.Secret = profile.SecretRef{Kind: "plaintext"} }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			p := valid()
			tt.edit(&p)
			err := p.Validate()
			var fe profile.FieldErrors
			if !errors.As(err, &fe) {
				t.Fatalf("Validate() = %v, want FieldErrors", err)
			}
			if !fe.Has(tt.field) {
				t.Errorf("Validate() = %v, want an error for %s", err, tt.field)
			}
		})
	}
}

func TestSecurityAndAuthRoundTrip(t *testing.T) {
	for _, s := range []profile.Security{profile.SecurityTLS, profile.SecuritySTARTTLS, profile.SecurityNone} {
		got, err := profile.ParseSecurity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSecurity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := profile.ParseSecurity("ssl3"); err == nil {
		t.Error("ParseSecurity accepted ssl3")
	}
	for a := profile.AuthAuto; a <= profile.AuthUserPass; a++ {
		got, err := profile.ParseAuthMethod(strings.ToUpper(a.String()))
		if err != nil || got != a {
			t.Errorf("ParseAuthMethod(%q) = %v, %v", a, got, err)
		}
	}
	if profile.AuthSCRAMSHA256.SASLName() != "SCRAM-SHA-256" || profile.AuthAPOP.SASLName() != "" {
		t.Error("SASLName wrong")
	}
}

func TestPasswordNeverPrints(t *testing.T) {
	pw := profile.NewPassword("hunter2-secret")
	b, _ := json.Marshal(struct{ P profile.Password }{pw})
	outs := []string{fmt.Sprint(pw), fmt.Sprintf("%v %+v %#v %s %q", pw, pw, pw, pw, pw), string(b)}
	for _, o := range outs {
		if strings.Contains(o, "hunter2") {
			t.Errorf("password leaked: %s", o)
		}
	}
	if pw.Reveal() != "hunter2-secret" {
		t.Error("Reveal lost the secret")
	}
}

func TestSplitEmail(t *testing.T) {
	good := map[string][2]string{
		"jane@spectrum.net":      {"jane", "spectrum.net"},
		" Jane@Example.ORG ":     {"Jane", "example.org"},
		"a.b+tag@sub.example.co": {"a.b+tag", "sub.example.co"},
		"weird@name@example.com": {"weird@name", "example.com"},
	}
	for in, want := range good {
		l, d, err := profile.SplitEmail(in)
		if err != nil || l != want[0] || d != want[1] {
			t.Errorf("SplitEmail(%q) = %q, %q, %v", in, l, d, err)
		}
	}
	for _, in := range []string{"", "@x.com", "jane@", "jane", "jane doe@x.com", "jane@localhost", "jane@exa mple.com"} {
		if _, _, err := profile.SplitEmail(in); err == nil {
			t.Errorf("SplitEmail(%q) accepted", in)
		}
	}
}

// TestValidateRefusesTwoWaysToSignIn: POP3 on OAuth2 with SMTP on a
// password (or the other way round) is named; both on OAuth2 is fine.
func TestValidateRefusesTwoWaysToSignIn(t *testing.T) {
	p := profile.New("jane@example.com", "Jane")
	p.Incoming.Auth = profile.AuthXOAuth2
	err := p.Validate()
	if err == nil || !strings.Contains(err.Error(), "outgoing.auth") || !p.SignsInTwoWays() {
		t.Fatalf("POP3 on OAuth2, SMTP on a password: %v", err)
	}
	p.Incoming.Auth, p.Outgoing.Auth = profile.AuthPlain, profile.AuthOAuthBearer
	if !p.SignsInTwoWays() {
		t.Fatal("SMTP on OAuth2, POP3 on a password: not seen")
	}
	p.Incoming.Auth = profile.AuthXOAuth2
	if p.SignsInTwoWays() {
		t.Fatal("both on OAuth2 seen as two ways")
	}
}
