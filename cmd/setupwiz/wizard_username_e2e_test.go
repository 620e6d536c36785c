package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// erin logs in as "erin", not with her address. Started with only
// --email, the wizard must find that by itself, as verify does.

func TestWizardInTmuxTriesTheOtherUsernameForm(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRunAs(t, "erin")
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, r.args()...)...)
	p.waitFor("step 1 of 7")
	p.keys("Enter", "Enter")
	p.waitFor("step 2 of 7")
	p.paste(r.pwFile)
	p.waitFor("••••")
	p.keys("Enter")
	p.waitFor("Using the servers you gave")
	p.keys("Enter")
	screen := p.waitFor("Both servers accepted the login")
	if !strings.Contains(screen, `username "erin"`) {
		t.Errorf("the screen does not say which username worked:\n%s", screen)
	}
	for _, key := range []string{"Enter", "Enter", "Enter"} {
		p.keys(key)
	}
	p.waitFor("is set up")
	p.keys("Enter")
	p.waitFor("EXIT=0")
	if b, err := os.ReadFile(filepath.Join(r.out, "fetchmailrc")); err != nil || !bytes.Contains(b, []byte(`user "erin"`)) {
		t.Errorf("fetchmailrc does not log in as erin: %v\n%s", err, b)
	}
}

func TestWizardLineModeTriesTheOtherUsernameForm(t *testing.T) {
	r := newWizardRunAs(t, "erin")
	text := r.lines(t, 0, r.password, "", "", "", "y", "", "", "", "", "fetchmail", "none", "y")
	if !strings.Contains(text, "Both servers accepted the login.") || !strings.Contains(text, `username "erin"`) {
		t.Errorf("line mode did not log in as erin:\n%s", text)
	}
}

// TestWizardLineModeKeepsAGivenUsername: --username is tried as given, and
// only that (issue 9's rule): the address given as the username fails for
// erin, and the failure names it.
func TestWizardLineModeKeepsAGivenUsername(t *testing.T) {
	r := newWizardRunAs(t, "erin")
	text := r.lines(t, 130, r.password, "", "", "", "y")
	if !strings.Contains(text, "failed at login: The server rejected the username or password.") ||
		strings.Contains(text, "Both servers accepted") {
		t.Errorf("a given username was changed:\n%s", text)
	}
	_ = text
}

// lines runs the wizard in line mode with answers piped in (the first line
// is the password, read by --password-stdin) and returns what it said; it
// fails the test unless the exit status is want.
func (r *wizardRun) lines(t *testing.T, want int, answers ...string) string {
	t.Helper()
	args := r.args("--password-stdin")
	if want == 130 {
		args = append(args, "--username", r.user.Email)
	}
	cmd := exec.Command(setupwizBinary(t), args...)
	cmd.Env = append(os.Environ(), r.env()...)
	cmd.Stdin = strings.NewReader(strings.Join(answers, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	got := 0
	if ee, ok := err.(*exec.ExitError); ok {
		got = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("exit status %d, want %d\n%s", got, want, stderr.String())
	}
	if strings.Contains(stderr.String(), r.password) {
		t.Fatal("the password appeared in line mode's output")
	}
	return stderr.String()
}
