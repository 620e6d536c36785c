package secrets_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

const nasty = `p"a\ss w#rd'x$HOME` + "`touch canary`;z ünï"

// brokenKeyring answers like go-keyring on a machine without a Secret Service.
type brokenKeyring struct{}

func (brokenKeyring) Get(string, string) (string, error) {
	return "", errors.New(`exec: "dbus-launch": executable file not found in $PATH`)
}
func (brokenKeyring) Set(string, string, string) error {
	return errors.New(`exec: "dbus-launch": executable file not found in $PATH`)
}

func askNever(string) (profile.Password, error) { return profile.Password{}, errors.New("not asked") }

// TestKeyringHappyPath uses go-keyring's own in-memory mock behind SystemKeyring.
func TestKeyringHappyPath(t *testing.T) {
	keyring.MockInit()
	s := secrets.New(secrets.Config{})
	ref := profile.SecretRef{Kind: profile.SecretKeyring}
	if err := s.Available(profile.SecretKeyring); err != nil {
		t.Fatalf("Available(keyring) with the mock = %v", err)
	}
	if _, err := s.Get(ref, "jane"); !errors.Is(err, secrets.ErrNoPassword) {
		t.Errorf("Get before Set = %v, want ErrNoPassword", err)
	}
	if err := s.Set(ref, "jane", profile.NewPassword(nasty)); err != nil {
		t.Fatal(err)
	}
	if v, _ := keyring.Get(secrets.ServiceName, "jane"); v != nasty {
		t.Errorf("keyring holds %q under service setupwiz/user jane, want the password", v)
	}
	got, err := s.Get(ref, "jane")
	if err != nil || got.Reveal() != nasty {
		t.Errorf("Get = %q, %v; want the password back", got.Reveal(), err)
	}
}

func TestKeyringUnavailableSaysSoAndNamesAlternatives(t *testing.T) {
	dir := t.TempDir()
	s := secrets.New(secrets.Config{Keyring: brokenKeyring{}, PassProgram: fakePass(t, dir), PassDir: dir}) // no terminal now
	err := s.Available(profile.SecretKeyring)
	var ue *secrets.UnavailableError
	if !errors.As(err, &ue) {
		t.Fatalf("Available(keyring) = %v, want *UnavailableError", err)
	}
	want := []profile.SecretKind{profile.SecretPass, profile.SecretCommand, profile.SecretPrompt}
	if strings.Join(kinds(ue.Alternatives), ",") != strings.Join(kinds(want), ",") {
		t.Errorf("alternatives = %v, want %v", ue.Alternatives, want)
	}
	for _, w := range []string{"system keyring is not available", "Secret Service", "pass", "command", "prompt"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q does not mention %q", err, w)
		}
	}
	setErr := s.Set(profile.SecretRef{Kind: profile.SecretKeyring}, "jane", profile.NewPassword(nasty))
	if setErr == nil || !strings.Contains(setErr.Error(), "NOT saved") || strings.Contains(setErr.Error(), nasty) {
		t.Errorf("Set on a broken keyring = %v, want a 'NOT saved' error without the password", setErr)
	}
	if _, err := s.Get(profile.SecretRef{Kind: profile.SecretKeyring}, "jane"); !errors.As(err, &ue) {
		t.Errorf("Get on a broken keyring = %v, want *UnavailableError", err)
	}
}

func kinds(ks []profile.SecretKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func TestPromptKind(t *testing.T) {
	s := secrets.New(secrets.Config{Keyring: brokenKeyring{}})
	if err := s.Available(profile.SecretPrompt); err == nil {
		t.Error("prompt is available without a Prompt callback")
	}
	asked := ""
	s = secrets.New(secrets.Config{Prompt: func(acct string) (profile.Password, error) {
		asked = acct
		return profile.NewPassword("typed"), nil
	}})
	pw, err := s.Get(profile.SecretRef{Kind: profile.SecretPrompt}, "jane")
	if err != nil || pw.Reveal() != "typed" || asked != "jane" {
		t.Errorf("Get(prompt) = %q, %v (asked for %q)", pw.Reveal(), err, asked)
	}
}

func TestUnknownKind(t *testing.T) {
	s := secrets.New(secrets.Config{})
	if _, err := s.Get(profile.SecretRef{Kind: "vault"}, "jane"); err == nil {
		t.Error("Get accepted an unknown kind")
	}
}

func TestErrorsNeverCarryThePassword(t *testing.T) {
	s := secrets.New(secrets.Config{Timeout: 10 * time.Second})
	ref := profile.SecretRef{Kind: profile.SecretCommand, Ref: "printf '%s\\n' 'hunter2-secret'; echo oops >&2; exit 3"}
	_, err := s.Get(ref, "jane")
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "oops") {
		t.Errorf("failing command error = %v: want its stderr, never its stdout", err)
	}
}

func TestUnavailableErrorWithoutAlternatives(t *testing.T) {
	e := &secrets.UnavailableError{Kind: profile.SecretKeyring, Reason: errors.New("x")}
	if !strings.Contains(e.Error(), "no other way") {
		t.Errorf("message %q", e)
	}
}

func writeExec(t *testing.T, path, body string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}
