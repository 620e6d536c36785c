package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestWizardLineModeRefusesAPasswordThatIsNoText: a password typed at line
// mode's terminal prompt with a NUL byte or bytes that are not UTF-8 is an
// input error (exit 2, as on --password-stdin), found before any login.
func TestWizardLineModeRefusesAPasswordThatIsNoText(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	for _, c := range []struct{ name, hex, want string }{
		{"NUL", "00", "holds a NUL byte"}, {"not UTF-8", "ff", "is not valid UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newWizardRun(t)
			p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t), "--lines"}, r.args()...)...)
			p.waitFor("Email address")
			p.keys("Enter")
			p.waitFor("Your name")
			p.keys("Enter")
			p.waitFor("Type y to use these")
			p.keys("Enter")
			p.waitFor("nothing is shown as you type")
			p.tmux("send-keys", "-t", "e2e", "-H", "61", c.hex, "62")
			p.keys("Enter")
			screen := p.waitFor("EXIT=")
			if !strings.Contains(screen, "EXIT=2") || !strings.Contains(strings.Join(strings.Fields(screen), " "), "at the Password prompt: the password "+c.want) {
				t.Errorf("want exit 2 naming the problem:\n%s", screen)
			}
			if strings.Contains(screen, "Logging in") {
				t.Errorf("the password went to the servers:\n%s", screen)
			}
		})
	}
}

// TestWizardUsesAGivenPasswordExactly: a password given with
// --password-file logs in as it is: the full-screen wizard's field, which
// holds at most 256 characters (and shows a tab as a space), does not
// change it on the way.
func TestWizardUsesAGivenPasswordExactly(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	srv := mailtest.Start(t)
	u := srv.User("alice")
	password := strings.Repeat("long-password-", 22) // 308 characters
	srv.SetPassword(t, u.Login, password)
	dir := shortTempDir(t)
	r := &wizardRun{srv: srv, user: u, dir: dir, out: filepath.Join(dir, "out"), pwFile: filepath.Join(dir, "pw"), password: password}
	if err := os.WriteFile(r.pwFile, []byte(password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := runIn(t, dir, r.env(), nil, "verify", "--email", u.Email, "--pop-host", srv.Host, "--pop-port", fmt.Sprint(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", fmt.Sprint(srv.Submissions), "--ca-file", srv.CAFile, "--password-file", r.pwFile); code != 0 {
		t.Fatalf("setupwiz verify with the same file = %d:\n%s", code, out)
	}
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t), "--password-file", r.pwFile}, r.args()...)...)
	p.waitFor("step 1 of 7")
	p.keys("Enter", "Enter")
	p.waitFor("Using the servers you gave")
	p.keys("Enter")
	p.waitFor("step 3 of 7")
	p.keys("Enter")
	p.waitFor("Both servers accepted the login")
}

// TestWizardAsksThePasswordAfterTheServers walks a password account at
// 80x24 and 60x20: the servers come first (no password asked yet), then the
// password screen names where the password goes and the username; esc goes
// back to the servers, and coming forward again finds the typed password
// kept, which then logs in.
func TestWizardAsksThePasswordAfterTheServers(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			r := newWizardRun(t)
			p := startTmux(t, size[0], size[1], r.env(), append([]string{setupwizBinary(t)}, r.args()...)...)
			p.waitFor("step 1 of 7")
			p.keys("Enter", "Enter")
			servers := p.waitFor("Using the servers you gave")
			if !strings.Contains(servers, "step 2 of 7 · Finding your servers") || strings.Contains(servers, "Password") {
				t.Errorf("the servers screen:\n%s", servers)
			}
			p.keys("Enter")
			password := p.waitFor("step 3 of 7 · Password")
			saveCapture(t, fmt.Sprintf("3-password-%dx%d", size[0], size[1]), password)
			for _, want := range []string{"It is sent to 127.0.0.1 (POP3 and SMTP), encrypted (TLS).", "Username: alice@example.test (ctrl+o to change it)"} {
				if !strings.Contains(oneLine(password), want) {
					t.Errorf("the password screen lacks %q:\n%s", want, password)
				}
			}
			p.paste(r.pwFile)
			p.waitFor("••••")
			p.keys("Escape")
			p.waitFor("Using the servers you gave")
			p.keys("Enter")
			if kept := p.waitFor("step 3 of 7 · Password"); !strings.Contains(kept, "••••") {
				t.Errorf("the typed password was not kept:\n%s", kept)
			}
			p.keys("Enter")
			p.waitFor("Both servers accepted the login")
			p.keys("C-c")
			p.waitFor("EXIT=130")
		})
	}
}
