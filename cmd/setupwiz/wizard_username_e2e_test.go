package main

import (
	"bytes"
	"os"
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
	r.toLogin(p)
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
	text, code := runLines(t, r.env(), []string{r.password, "", "", "y", "", "", "", "", "", "fetchmail", "none", "y"}, r.args("--password-stdin")...)
	if code != 0 || !strings.Contains(text, "Both servers accepted the login.") || !strings.Contains(text, `username "erin"`) {
		t.Errorf("exit %d; line mode did not log in as erin:\n%s", code, text)
	}
}

// TestWizardLineModeKeepsAGivenUsername: --username is tried as given, and
// only that (issue 9's rule): the address given as the username fails for
// erin, and the failure names it.
func TestWizardLineModeKeepsAGivenUsername(t *testing.T) {
	r := newWizardRunAs(t, "erin")
	text, code := runLines(t, r.env(), []string{r.password, "", "", "y", ""}, r.args("--password-stdin", "--username", r.user.Email)...)
	if code != 2 || !strings.Contains(text, "failed at login: The server rejected the username or password.") ||
		strings.Contains(text, "Both servers accepted") {
		t.Errorf("exit %d; a given username was changed:\n%s", code, text)
	}
}
