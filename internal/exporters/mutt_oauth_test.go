package exporters

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// oauthSample is sampleProfile signing in with OAuth2.
func oauthSample(auth profile.AuthMethod) profile.Profile {
	p := sampleProfile()
	p.Incoming.Auth, p.Outgoing.Auth = auth, auth
	p.OAuth = &profile.OAuth{
		Provider: profile.OAuthProvider{ID: "microsoft", Name: "Microsoft", AuthURL: "https://login.example/a",
			TokenURL: "https://login.example/t", Scopes: []string{"offline_access"}},
		ClientID: "client-id", Token: profile.SecretRef{Kind: profile.SecretKeyring, Ref: "oauth2:" + p.Name},
	}
	return p
}

// TestMuttOAuthReadBack: mutt and neomutt read the token command back
// exactly, however odd the program's path, and nothing in the file runs.
func TestMuttOAuthReadBack(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt")
	for _, client := range []string{"mutt", "neomutt"} {
		for _, auth := range []profile.AuthMethod{profile.AuthOAuthBearer, profile.AuthXOAuth2} {
			if client == "neomutt" && auth == profile.AuthXOAuth2 {
				continue // TestNeomuttHasNoPOPXOAuth2
			}
			home := t.TempDir()
			canary := filepath.Join(home, "CANARY")
			o := opts()
			o.Self = filepath.Join(home, `bin dir/it's "setup"$(touch `+canary+`)`, "setupwiz")
			o.Secrets, o.Password = SecretsInline, profile.NewPassword("must-not-appear")
			p := oauthSample(auth)
			data := export(t, Mutt(), p, o)
			if strings.Contains(string(data), "must-not-appear") || strings.Contains(string(data), "pop_pass") {
				t.Fatalf("an OAuth2 muttrc carries a password:\n%s", data)
			}
			rc := writeFile(t, home, "muttrc", data, 0o600)
			got := muttQuery(t, client, home, rc, "pop_authenticators", "smtp_authenticators",
				"pop_oauth_refresh_command", "smtp_oauth_refresh_command")
			mech := muttOAuthMech(auth)
			want := shellQuote(o.Self) + " token " + shellQuote(p.Name)
			checkEq(t, client+" pop_authenticators", got["pop_authenticators"], mech)
			checkEq(t, client+" smtp_authenticators", got["smtp_authenticators"], mech)
			checkEq(t, client+" pop_oauth_refresh_command", got["pop_oauth_refresh_command"], want)
			checkEq(t, client+" smtp_oauth_refresh_command", got["smtp_oauth_refresh_command"], want)
			assertNoFile(t, canary)
		}
	}
}

// TestTokenCommandQuotingForSh: sh hands the token command exactly two
// arguments after the program, whatever the path holds.
func TestTokenCommandQuotingForSh(t *testing.T) {
	dir := t.TempDir()
	self := filepath.Join(dir, `it's a "dir" $(x)`, "setupwiz")
	if err := os.MkdirAll(filepath.Dir(self), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Dir(self), "setupwiz", []byte("#!/bin/sh\nprintf '%s|' \"$0\" \"$@\"\n"), 0o700)
	p := oauthSample(profile.AuthOAuthBearer)
	cmd, err := tokenCommand(TargetMutt, p, Options{Self: self})
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("sh", "-c", cmd).Output()
	if want := self + "|token|" + p.Name + "|"; err != nil || string(out) != want {
		t.Errorf("sh ran %q, %v; want %q", out, err, want)
	}
}

func TestMuttOAuthNeedsAnAbsoluteSelf(t *testing.T) {
	for _, self := range []string{"", "setupwiz", "bin/setupwiz", "/usr/bin/setup\nwiz"} {
		var fe *FieldError
		err := Mutt().Export(&strings.Builder{}, oauthSample(profile.AuthOAuthBearer), Options{Self: self})
		if !errors.As(err, &fe) {
			t.Errorf("Self %q: err = %v, want a FieldError", self, err)
		}
	}
}

// TestFetchmailCannotStaySignedIn: fetchmail 6.4 has no OAuth2, so no file
// is written; the real fetchmail shows why (its lexer has no such word).
func TestFetchmailCannotStaySignedIn(t *testing.T) {
	err := Fetchmail().Export(&strings.Builder{}, oauthSample(profile.AuthOAuthBearer), opts())
	if err == nil || !strings.Contains(err.Error(), "fetchmail 7") || !strings.Contains(err.Error(), "mutt") {
		t.Fatalf("err = %v, want a refusal that names fetchmail 7 and what to use instead", err)
	}
	mailtest.NeedTool(t, "fetchmail")
	for _, mech := range []string{"oauthbearer", "xoauth2"} {
		rc := writeFile(t, t.TempDir(), "rc", []byte("poll localhost protocol pop3 auth "+mech+"\n  user \"a\" password \"t\"\n"), 0o600)
		_, stderr, err := run(t, []string{"HOME=" + t.TempDir()}, nil, "fetchmail", "-f", rc, "--configdump")
		if err == nil || !strings.Contains(stderr, "syntax error at "+mech) {
			t.Errorf("fetchmail accepted auth %s (%v, %s): the exporter should offer it now", mech, err, stderr)
		}
	}
}

func TestMobileConfigRefusesOAuth(t *testing.T) {
	err := MobileConfig().Export(&strings.Builder{}, oauthSample(profile.AuthXOAuth2), opts())
	if err == nil || !strings.Contains(err.Error(), "add the account in Mail") {
		t.Fatalf("err = %v, want a refusal that says what to do on the device", err)
	}
}

// TestNeomuttHasNoPOPXOAuth2 pins what the XOAUTH2 header note says:
// Debian 12's neomutt refuses xoauth2 in pop_authenticators (mutt takes it).
// When this fails, neomutt learned it: drop the note.
func TestNeomuttHasNoPOPXOAuth2(t *testing.T) {
	mailtest.NeedTool(t, "neomutt")
	home := t.TempDir()
	o := opts()
	o.Self = "/usr/bin/setupwiz"
	data := export(t, Mutt(), oauthSample(profile.AuthXOAuth2), o)
	if !strings.Contains(string(data), "neomutt") || !strings.Contains(string(data), "XOAUTH2") {
		t.Errorf("the header does not warn neomutt users:\n%s", data)
	}
	rc := writeFile(t, home, "muttrc", data, 0o600)
	_, stderr, _ := run(t, []string{"HOME=" + home}, nil, "neomutt", "-n", "-F", rc, "-Q", "pop_authenticators")
	if !strings.Contains(stderr, "xoauth2 is not a valid authenticator") {
		t.Errorf("neomutt now accepts POP XOAUTH2 (stderr %q): update the header note", stderr)
	}
}

// TestThunderbirdOAuthIsAuthMethod10: both servers ask Thunderbird for its
// own OAuth2 sign-in, and the header says so instead of promising a password prompt.
func TestThunderbirdOAuthIsAuthMethod10(t *testing.T) {
	data := string(export(t, Thunderbird(), oauthSample(profile.AuthXOAuth2), opts()))
	if strings.Count(data, `.authMethod", 10);`) != 2 || strings.Contains(data, "asks for the password") ||
		!strings.Contains(data, "sign-in page itself") {
		t.Errorf("user.js for an OAuth2 account:\n%s", data)
	}
}
