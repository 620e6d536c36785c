package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// TestWizardLineModeKeepsThePasswordInPass: piped answers pick pass on the
// last question; the verified password reaches pass on stdin and the saved
// profile points there.
func TestWizardLineModeKeepsThePasswordInPass(t *testing.T) {
	r := newWizardRun(t)
	store := t.TempDir()
	fakePassOnPath(t, store)
	answers := strings.Join([]string{r.password, "", "", "", "y", "", "", "", "", "mutt", "none", "y", "pass"}, "\n") + "\n"
	cmd := exec.Command(setupwizBinary(t), r.args("--password-stdin", "--lines")...)
	cmd.Env = append(os.Environ(), r.env()...)
	cmd.Stdin = strings.NewReader(answers)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("setupwiz: %v\n%s", err, stderr.String())
	}
	text := stderr.String()
	if !strings.Contains(text, "Remember the password for repair: ask, pass") || !strings.Contains(text, "Stored the password in pass") {
		t.Errorf("the question or the answer is missing:\n%s", text)
	}
	if got, err := os.ReadFile(filepath.Join(store, "stored")); err != nil || strings.TrimSpace(string(got)) != r.password {
		t.Errorf("pass received %v: not the verified password", err)
	}
	prof, err := os.ReadFile(filepath.Join(r.dir, "config", "setupwiz", "profiles", "alice@example.test.toml"))
	if err != nil || !bytes.Contains(prof, []byte(`"pass"`)) || !bytes.Contains(prof, []byte("setupwiz/alice@example.test")) {
		t.Errorf("saved profile: %v\n%s", err, prof)
	}
	if strings.Contains(text, r.password) {
		t.Error("the password appeared in the output")
	}
}

func TestSecretKeeperChecksACommandPrintsTheVerifiedPassword(t *testing.T) {
	k := secretKeeper{store: secrets.New(secrets.Config{})}
	ref := profile.SecretRef{Kind: profile.SecretCommand, Ref: "printf 'right\\n'"}
	if err := k.Keep(ref, "jane", profile.NewPassword("right")); err != nil {
		t.Errorf("a command printing the password: %v", err)
	}
	err := k.Keep(ref, "jane", profile.NewPassword("other"))
	if err == nil || strings.Contains(err.Error(), "right") || strings.Contains(err.Error(), "other") {
		t.Errorf("a command printing another password: %v; want an error naming no password", err)
	}
}

func TestSecretKeeperLeavesOutWhatDoesNotWork(t *testing.T) {
	k := secretKeeper{store: secrets.New(secrets.Config{PassDir: t.TempDir()})} // no .gpg-id: pass is not set up
	if got := k.Available(); slices.Contains(got, profile.SecretPass) || slices.Contains(got, profile.SecretPrompt) {
		t.Errorf("Available() = %v: pass without a store is offered, or prompt (the UI adds it itself)", got)
	}
}

// TestWizardInTmuxKeepsThePasswordInPass walks the real TUI: the done screen
// offers pass (the keyring only with a Secret Service), space picks it, and
// enter stores the verified password there before the profile is saved.
func TestWizardInTmuxKeepsThePasswordInPass(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	store := t.TempDir()
	fakePassOnPath(t, store)
	env := append(r.env(), "PATH="+os.Getenv("PATH"), "PASSWORD_STORE_DIR="+store)
	p := startTmux(t, 80, 24, env, append([]string{setupwizBinary(t)}, r.args()...)...)
	p.waitFor("step 1 of 7")
	p.keys("Enter", "Enter")
	p.waitFor("step 2 of 7")
	p.paste(r.pwFile)
	p.keys("Enter")
	for _, want := range []string{"Using the servers you gave", "Both servers accepted the login", "step 5 of 7", "fetchmailrc"} {
		p.waitFor(want)
		p.keys("Enter")
	}
	saveCapture(t, "7-done-keep", p.waitFor("‹ ask each time ›"))
	for n := 2; n <= 4 && !strings.Contains(p.screen(), "‹ pass ›"); n++ { // ask each time, [system keyring,] pass
		p.keys("Space")
		p.waitFor(fmt.Sprintf("%d of ", n))
	}
	saveCapture(t, "7-done-keep-pass", p.waitFor("‹ pass ›"))
	p.keys("Enter")
	p.waitFor("EXIT=0")
	if got, err := os.ReadFile(filepath.Join(store, "stored")); err != nil || strings.TrimSpace(string(got)) != r.password {
		t.Errorf("pass received %v: not the verified password", err)
	}
	prof, err := os.ReadFile(filepath.Join(r.dir, "config", "setupwiz", "profiles", "alice@example.test.toml"))
	if err != nil || !bytes.Contains(prof, []byte("setupwiz/alice@example.test")) {
		t.Errorf("saved profile: %v\n%s", err, prof)
	}
}

// countingStore counts how often availability is asked.
type countingStore struct {
	secrets.Store
	asked *int
}

func (c countingStore) Available(kind profile.SecretKind) error {
	*c.asked++
	return c.Store.Available(kind)
}

// The UI asks on every frame; the keyring (D-Bus) is probed once.
func TestSecretKeeperProbesOnce(t *testing.T) {
	asked := 0
	k := newSecretKeeper(countingStore{secrets.New(secrets.Config{PassDir: t.TempDir()}), &asked})
	for range 50 {
		k.Available()
		_ = k.Unavailable(profile.SecretKeyring)
	}
	if asked != len(keepKinds) {
		t.Fatalf("availability asked %d times, want %d (once per place)", asked, len(keepKinds))
	}
}
