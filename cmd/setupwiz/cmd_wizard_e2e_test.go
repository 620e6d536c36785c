package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// wizardRun is one run of the real binary against the shared Dovecot, in a
// scratch HOME, writing into an --out directory.
type wizardRun struct {
	srv      *mailtest.Server
	user     mailtest.User
	dir, out string
	pwFile   string
	password string
	// passwordScreen is the password screen toLogin saw.
	passwordScreen string
}

func newWizardRun(t *testing.T) *wizardRun { return newWizardRunAs(t, "alice") }

// newWizardRunAs is a run for one of the harness's users ("erin" logs in
// with her local part only).
func newWizardRunAs(t *testing.T, short string) *wizardRun {
	srv := mailtest.Shared(t)
	dir := shortTempDir(t)
	u := srv.User(short)
	r := &wizardRun{srv: srv, user: u, dir: dir, out: filepath.Join(dir, "out"), pwFile: filepath.Join(dir, short+".pw"),
		password: u.Password}
	if err := os.WriteFile(r.pwFile, []byte(r.password), 0o600); err != nil {
		t.Fatal(err)
	}
	return r
}

// args seed the wizard with the harness's implicit-TLS ports; discovery is
// kept off the internet (a closed DNS server and ISPDB URL).
func (r *wizardRun) args(extra ...string) []string {
	s := r.srv
	return append([]string{"--email", r.user.Email, "--name", "Alice Example",
		"--pop-host", s.Host, "--pop-port", fmt.Sprint(s.POP3S), "--smtp-host", s.Host,
		"--smtp-port", fmt.Sprint(s.Submissions), "--ca-file", s.CAFile, "--out", r.out,
		"--dns-server", "127.0.0.1:9", "--ispdb-url", "http://127.0.0.1:9/"}, extra...)
}

// toLogin walks the wizard in p from its first screen to the login: the
// address and name as given, the servers as given, the password from the
// run's file.
func (r *wizardRun) toLogin(p *tmuxPane) {
	p.t.Helper()
	p.waitFor("step 1 of 7")
	p.keys("Enter", "Enter")
	p.waitFor("Using the servers you gave")
	p.keys("Enter")
	r.passwordScreen = p.waitFor("step 3 of 7 · Password")
	p.paste(r.pwFile)
	p.waitFor("••••")
	p.keys("Enter")
}

// shortTempDir is a scratch directory with a short name, so the paths on
// the screens (and in the README's captures) stay readable.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "sw")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func (r *wizardRun) env() []string {
	return []string{"HOME=" + filepath.Join(r.dir, "home"), "XDG_CONFIG_HOME=" + filepath.Join(r.dir, "config"),
		"TERM=xterm-256color", "LANG=C.UTF-8"}
}

func TestWizardInTmux(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, r.args()...)...)
	var screens []string
	step := func(name, want string, keys ...string) {
		s := p.waitFor(want)
		screens = append(screens, s)
		saveCapture(t, name, s)
		if len(keys) > 0 {
			p.keys(keys...)
		}
	}
	step("1-account", "step 1 of 7", "Enter", "Enter")
	step("2-discovery", "Using the servers you gave", "Enter")
	p.waitFor("step 3 of 7 · Password")
	p.paste(r.pwFile)
	step("3-password", "••••", "Enter")
	step("4-verify", "Both servers accepted the login", "Enter")
	step("5-pop", "step 5 of 7", "Enter")
	step("6-export", "fetchmailrc", "Enter")
	step("7-done", "is set up", "Enter")
	p.waitFor("EXIT=0")
	for _, s := range screens {
		if strings.Contains(s, r.password) {
			t.Fatal("the password appeared on screen")
		}
	}
	r.checkFiles(t)
}

// TestWizardInTmuxSwitchesToTheSecurityThePortSpeaks sets implicit TLS on
// the STARTTLS ports of both services: the failure must name what each port
// speaks, and s must switch both and log in.
func TestWizardInTmuxSwitchesToTheSecurityThePortSpeaks(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	s := r.srv
	args := r.args("--pop-port", fmt.Sprint(s.POP3STLS), "--smtp-port", fmt.Sprint(s.SubmissionSTARTTLS))
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, args...)...)
	r.toLogin(p)
	screen := p.waitFor("s use STARTTLS on POP3 and SMTP")
	saveCapture(t, "security-mismatch", screen)
	for _, want := range []string{fmt.Sprintf("port %d speaks STARTTLS, not TLS: press s", s.POP3STLS),
		fmt.Sprintf("port %d speaks STARTTLS, not TLS: press s", s.SubmissionSTARTTLS)} {
		if !strings.Contains(screen, want) {
			t.Errorf("the failure lacks %q:\n%s", want, screen)
		}
	}
	p.keys("s")
	p.waitFor("Both servers accepted the login")
	p.keys("Enter")
	p.waitFor("step 5 of 7")
	p.keys("Enter")
	p.waitFor("fetchmailrc")
	p.keys("Enter")
	p.waitFor("is set up")
	p.keys("Enter")
	p.waitFor("EXIT=0")
	b, err := os.ReadFile(filepath.Join(r.out, "fetchmailrc"))
	if err != nil || !bytes.Contains(b, []byte(fmt.Sprint(s.POP3STLS))) {
		t.Fatalf("fetchmailrc does not use the STLS port %d: %v\n%s", s.POP3STLS, err, b)
	}
}

// checkFiles looks at what the wizard wrote: three files with the harness's
// servers, fetchmailrc private, no password anywhere, and the saved profile.
func (r *wizardRun) checkFiles(t *testing.T) {
	t.Helper()
	files := map[string]string{
		"muttrc":              fmt.Sprintf("pops://127.0.0.1:%d", r.srv.POP3S),
		"fetchmailrc":         fmt.Sprintf("%d", r.srv.POP3S),
		"thunderbird/user.js": fmt.Sprintf("%d", r.srv.Submissions),
	}
	for name, want := range files {
		b, err := os.ReadFile(filepath.Join(r.out, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Contains(b, []byte(want)) || bytes.Contains(b, []byte(r.password)) {
			t.Errorf("%s lacks %q or holds the password:\n%s", name, want, b)
		}
	}
	if fi, err := os.Stat(filepath.Join(r.out, "fetchmailrc")); err == nil && fi.Mode().Perm() != 0o600 {
		t.Errorf("fetchmailrc mode %v, want 0600", fi.Mode().Perm())
	}
	prof := filepath.Join(r.dir, "config", "setupwiz", "profiles", "alice@example.test.toml")
	if b, err := os.ReadFile(prof); err != nil || !bytes.Contains(b, []byte("verified")) {
		t.Errorf("saved profile %s: %v\n%s", prof, err, b)
	}
}

func TestWizardCtrlCInTmuxExits130AndWritesNothing(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, r.args()...)...)
	p.waitFor("step 1 of 7")
	p.keys("Enter", "Enter")
	p.waitFor("Using the servers you gave")
	p.keys("Enter")
	p.waitFor("step 3 of 7 · Password")
	p.paste(r.pwFile)
	p.waitFor("••••")
	p.keys("C-c")
	p.waitFor("EXIT=130")
	if _, err := os.Stat(r.out); !os.IsNotExist(err) {
		t.Fatalf("--out dir exists after ctrl+c: %v", err)
	}
}

func TestWizardLineModeWithPipedAnswers(t *testing.T) {
	r := newWizardRun(t)
	answers := strings.Join([]string{r.password, // --password-stdin takes the first line
		"", "", "y", "", "", "", "", "", "mutt,fetchmail", "none", "y"}, "\n") + "\n"
	cmd := exec.Command(setupwizBinary(t), r.args("--password-stdin")...)
	cmd.Env = append(os.Environ(), r.env()...)
	cmd.Stdin = strings.NewReader(answers)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("setupwiz: %v\n%s", err, stderr.String())
	}
	text := stderr.String()
	for _, want := range []string{"Using the password from --password-stdin.", "Step 4 of 7: Logging in.", "Both servers accepted the login.", "Wrote fetchmail settings"} {
		if !strings.Contains(text, want) {
			t.Errorf("line mode output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, r.password) || stdout.Len() != 0 || strings.ContainsRune(text, 0x1b) {
		t.Fatalf("password, stdout output or escape codes in line mode:\nstdout %q\n%s", stdout.String(), text)
	}
	if _, err := os.Stat(filepath.Join(r.out, "fetchmailrc")); err != nil {
		t.Fatal(err)
	}
}

// TestWizardLineModeRefusesWithoutPassword: servers that take a password,
// no terminal to read it from and none given: an input error, once the
// servers are known (OAuth2 ones would need none).
func TestWizardLineModeRefusesWithoutPassword(t *testing.T) {
	cmd := exec.Command(setupwizBinary(t), "--email", "alice@example.test", "--lines", "--dns-server", "127.0.0.1:9", "--ispdb-url", "http://127.0.0.1:9/")
	cmd.Stdin = strings.NewReader("\n\n\n") // address, name, servers
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !bytes.Contains(out, []byte("--password-stdin")) {
		t.Fatalf("err=%v output:\n%s", err, out)
	}
}
