package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestWizardLineModeKeepsThePasswordInPass: piped answers pick pass on the
// last question; the verified password reaches pass on stdin and the saved
// profile points there.
func TestWizardLineModeKeepsThePasswordInPass(t *testing.T) {
	r := newWizardRun(t)
	store := t.TempDir()
	fakePassOnPath(t, store)
	answers := strings.Join([]string{r.password, "", "", "y", "", "", "", "", "", "mutt", "none", "y", "pass"}, "\n") + "\n"
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
	r.toLogin(p)
	for _, want := range []string{"Both servers accepted the login", "step 5 of 7", "fetchmailrc"} {
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
