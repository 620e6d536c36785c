package secrets_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// fakePass writes a stand-in for pass(1) that records its argv (one per line)
// and its stdin, and answers `show` from a file. It tests only our side of
// the contract: which arguments we pass and that the password goes on stdin.
// dir also holds the .gpg-id that marks a set-up store.
func fakePass(t *testing.T, dir string) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, ".gpg-id"), []byte("test@example.test\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return writeExec(t, filepath.Join(dir, "pass"), `#!/bin/sh
d=$(dirname "$0")
printf '%s\n' "$@" > "$d/argv"
case "$1" in
show) [ -f "$d/stored" ] || { echo "Error: $2 is not in the password store." >&2; exit 1; }
      cat "$d/stored"; printf 'login: jane\nurl: x\n' ;;
insert) cat > "$d/stored" ;;
esac
`)
}

func TestPassContract(t *testing.T) {
	dir := t.TempDir()
	s := secrets.New(secrets.Config{PassProgram: fakePass(t, dir), PassDir: dir, Timeout: 20 * time.Second})
	ref := profile.SecretRef{Kind: profile.SecretPass, Ref: "mail/jane"}
	if _, err := s.Get(ref, "jane"); err == nil || !strings.Contains(err.Error(), "not in the password store") {
		t.Errorf("Get of a missing entry = %v, want pass's own words", err)
	}
	if err := s.Set(ref, "jane", profile.NewPassword(nasty)); err != nil {
		t.Fatal(err)
	}
	argv, _ := os.ReadFile(filepath.Join(dir, "argv"))
	if string(argv) != "insert\n-m\n-f\nmail/jane\n" {
		t.Errorf("pass argv = %q, want insert -m -f mail/jane", argv)
	}
	stored, _ := os.ReadFile(filepath.Join(dir, "stored"))
	if string(stored) != nasty+"\n" {
		t.Errorf("pass got %q on stdin, want the password and a newline", stored)
	}
	got, err := s.Get(ref, "jane")
	if err != nil || got.Reveal() != nasty {
		t.Errorf("Get = %q, %v", got.Reveal(), err)
	}
	if argv, _ = os.ReadFile(filepath.Join(dir, "argv")); string(argv) != "show\nmail/jane\n" {
		t.Errorf("pass argv = %q, want show mail/jane", argv)
	}
}

func TestPassRejectsHostileEntries(t *testing.T) {
	dir := t.TempDir()
	s := secrets.New(secrets.Config{PassProgram: fakePass(t, dir), PassDir: dir})
	if err := s.Available(profile.SecretPass); err != nil {
		t.Fatalf("Available(pass) = %v", err)
	}
	for _, e := range []string{"", "--help", "../../etc/x", "a\nb"} {
		if _, err := s.Get(profile.SecretRef{Kind: profile.SecretPass, Ref: e}, "jane"); err == nil {
			t.Errorf("Get accepted pass entry %q", e)
		}
	}
	err := s.Set(profile.SecretRef{Kind: profile.SecretPass, Ref: "x"}, "jane", profile.NewPassword("a\nb"))
	if err == nil {
		t.Error("Set accepted a password with a line break")
	}
}

func TestPassNotInstalled(t *testing.T) {
	s := secrets.New(secrets.Config{PassProgram: filepath.Join(t.TempDir(), "no-such-pass")})
	if err := s.Available(profile.SecretPass); err == nil || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("Available(pass) = %v, want 'not installed'", err)
	}
}

// TestPassWithoutStore is this machine's case: pass installed, never set up.
// Offering it would lose the password at the first Set.
func TestPassWithoutStore(t *testing.T) {
	dir := t.TempDir()
	prog := fakePass(t, dir)
	for _, env := range [][]string{{"HOME=" + dir + "/home"}, {"HOME=/x", "PASSWORD_STORE_DIR=" + dir + "/nowhere"}} {
		s := secrets.New(secrets.Config{PassProgram: prog, Env: env})
		if err := s.Available(profile.SecretPass); err == nil || !strings.Contains(err.Error(), "pass init") {
			t.Errorf("Available(pass) with env %q = %v, want 'no password store … pass init'", env, err)
		}
	}
	s := secrets.New(secrets.Config{PassProgram: prog, Env: []string{"HOME=/x", "PASSWORD_STORE_DIR=" + dir}})
	if err := s.Available(profile.SecretPass); err != nil {
		t.Errorf("Available(pass) with PASSWORD_STORE_DIR set up = %v", err)
	}
}

// TestRealPass runs the real pass with a throwaway GnuPG home and store, when both are installed.
func TestRealPass(t *testing.T) {
	for _, tool := range []string{"pass", "gpg"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/test-deps.sh installs it)", tool)
			}
			t.Skipf("%s not installed: the fake-pass contract test covers our side", tool)
		}
	}
	dir := t.TempDir()
	env := realPassEnv(t, dir)
	s := secrets.New(secrets.Config{Env: env, Timeout: 60 * time.Second})
	ref := profile.SecretRef{Kind: profile.SecretPass, Ref: "mail/jane"}
	if err := s.Set(ref, "jane", profile.NewPassword(nasty)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ref, "jane")
	if err != nil || got.Reveal() != nasty {
		t.Errorf("real pass round trip = %q, %v", got.Reveal(), err)
	}
}

// realPassEnv makes an unprotected test key and an initialised store under dir.
func realPassEnv(t *testing.T, dir string) []string {
	t.Helper()
	gnupg := filepath.Join(dir, "gnupg")
	if err := os.Mkdir(gnupg, 0o700); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GNUPGHOME="+gnupg, "PASSWORD_STORE_DIR="+filepath.Join(dir, "store"))
	run := func(args ...string) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	run("gpg", "--batch", "--passphrase", "", "--quick-gen-key", "setupwiz-test@example.test", "future-default", "default", "never")
	run("pass", "init", "setupwiz-test@example.test")
	t.Cleanup(func() { exec.Command("gpgconf", "--homedir", gnupg, "--kill", "gpg-agent").Run() })
	return env
}
