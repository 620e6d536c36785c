package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// needNoSecretService makes this process a headless machine without a
// Secret Service, whatever the machine has: the session bus address points
// nowhere. It fails when the keyring still answers, so the tests below never
// pass without running.
func needNoSecretService(t *testing.T) {
	t.Helper()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	if secrets.New(secrets.Config{}).Available(profile.SecretKeyring) == nil {
		t.Fatal("the system keyring still answers with the session bus pointed nowhere")
	}
}

// TestNoSecretServiceIsSaidAndChoicesOffered: import and repair refuse the
// keyring on a headless machine, say why, and name what works instead.
func TestNoSecretServiceIsSaidAndChoicesOffered(t *testing.T) {
	needNoSecretService(t)
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	rc := filepath.Join(c.home, ".fetchmailrc")
	if err := os.WriteFile(rc, []byte("poll pop.example.test protocol pop3 user \"jane\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := c.run("", "import", "--from", "fetchmail", rc, "--secret", "keyring"); code != 2 || !mentionsChoices(c.stderr.String()) {
		t.Errorf("import --secret keyring = %d: %s; want 2, why, and the choices", code, c.stderr.String())
	}
	pw := srv.User("alice").Password
	if code := c.run(pw+"\n", "repair", p.Name, "--secret", "keyring", "--password-stdin", "--no-discover"); code != 2 || !mentionsChoices(c.stderr.String()) {
		t.Errorf("repair --secret keyring = %d: %s", code, c.stderr.String())
	}
}

func mentionsChoices(out string) bool {
	return strings.Contains(out, "keyring is not available") && strings.Contains(out, "Secret Service") &&
		strings.Contains(out, "prompt (being asked each time)")
}

// TestKeyringProfileWithoutSecretServiceLosesNothing: the saved reference
// names a keyring that cannot answer; repair says so, works with the given
// password, and keeps the reference as it was until the user picks a place.
func TestKeyringProfileWithoutSecretServiceLosesNothing(t *testing.T) {
	needNoSecretService(t)
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	p.Secret = profile.SecretRef{Kind: profile.SecretKeyring}
	if err := c.store().Save(p); err != nil {
		t.Fatal(err)
	}
	if code := c.run("", "repair", p.Name); code != 2 || !strings.Contains(c.stderr.String(), "--secret") {
		t.Errorf("repair without any password = %d: %s; want 2 and how to give or move it", code, c.stderr.String())
	}
	pw := srv.User("alice").Password
	code := c.run(pw+"\n", "repair", p.Name, "--password-stdin", "--no-discover")
	if out := c.stderr.String(); code != 0 || !strings.Contains(out, "could not be read") || !strings.Contains(out, "this run only") {
		t.Errorf("repair with the password given = %d: %s", code, out)
	}
	if saved, err := c.store().Load(p.Name); err != nil || saved.Secret != p.Secret {
		t.Errorf("secret now %+v, %v: it must stay where the user put it until they choose another place", saved.Secret, err)
	}
}

// TestRepairMovesThePassword: --secret command:CMD proves the command prints
// a working password, saves the new reference, and the next repair needs no
// password on stdin; --secret prompt moves it back.
func TestRepairMovesThePassword(t *testing.T) {
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(srv.User("alice").Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := c.run("", "repair", p.Name, "--secret", "command:cat "+pwFile, "--apply", "--no-discover"); code != 0 {
		t.Fatalf("repair --secret command = %d: %s", code, c.stderr.String())
	}
	saved, err := c.store().Load(p.Name)
	if err != nil || saved.Secret.Kind != profile.SecretCommand || !strings.Contains(saved.History[len(saved.History)-1].Summary, "where the password lives") {
		t.Fatalf("saved %+v, %v: want the command reference and a history entry", saved.Secret, err)
	}
	if code := c.run("", "repair", p.Name, "--json", "--no-discover"); code != 0 {
		t.Errorf("repair --json reading the password from the command = %d: %s", code, c.stderr.String())
	}
	if code := c.run("", "repair", p.Name, "--secret", "command:false", "--apply", "--no-discover"); code != 2 {
		t.Errorf("repair --secret with a failing command = %d: %s", code, c.stderr.String())
	}
	if code := c.run(srv.User("alice").Password+"\n", "repair", p.Name, "--secret", "prompt", "--password-stdin", "--apply", "--no-discover"); code != 0 {
		t.Fatalf("repair --secret prompt = %d: %s", code, c.stderr.String())
	}
	if saved, _ = c.store().Load(p.Name); saved.Secret.Kind != profile.SecretPrompt {
		t.Errorf("secret = %+v, want prompt", saved.Secret)
	}
}

// TestRepairAdoptsCAFile: an imported profile knows no CA; --ca-file makes it
// work and is kept, so the next repair needs no flag.
func TestRepairAdoptsCAFile(t *testing.T) {
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	p.TLS.CAFile, p.Verified = "", time.Time{}
	if err := c.store().Save(p); err != nil {
		t.Fatal(err)
	}
	pw := srv.User("alice").Password
	if code, doc := c.repairJSON(t, pw, p.Name); code != 1 || len(doc.Diagnosis.Findings) == 0 || doc.Diagnosis.Findings[0].Cause != "certificate_changed" {
		t.Fatalf("without a CA = %d %+v", code, doc)
	}
	if code := c.run(pw+"\n", "repair", p.Name, "--ca-file", srv.CAFile, "--password-stdin", "--apply", "--no-discover"); code != 0 {
		t.Fatalf("repair --ca-file --apply = %d: %s", code, c.stderr.String())
	}
	if code, doc := c.repairJSON(t, pw, p.Name); code != 0 || !doc.Diagnosis.OK {
		t.Errorf("after adopting the CA file = %d %+v: %s", code, doc, c.stderr.String())
	}
}
