package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// argsWithoutCA are the run's arguments with the harness CA left out: the
// server's certificate is then not trusted.
func (r *wizardRun) argsWithoutCA(extra ...string) []string {
	args := slices.Clone(r.args(extra...))
	i := slices.Index(args, "--ca-file")
	return slices.Delete(args, i, i+2)
}

// pinInTmux walks to the untrusted certificate, presses t, checks the
// question repeats the fingerprint, and answers y; it returns the pane on
// the login screen after the check passed.
func pinInTmux(t *testing.T, r *wizardRun, args []string) *tmuxPane {
	t.Helper()
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, args...)...)
	r.toLogin(p)
	p.waitFor("t trust this certificate")
	p.keys("t")
	q := p.waitFor("Trust this certificate from now on?")
	saveCapture(t, "4-verify-pin", q)
	if !strings.Contains(q, "SHA-256") || !strings.Contains(q, "Press y to trust it") {
		t.Errorf("the question does not repeat the fingerprint:\n%s", q)
	}
	p.keys("y")
	p.waitFor("Both servers accepted the login")
	return p
}

// TestWizardInTmuxAsksBeforePinning: t asks first, repeating the
// fingerprint; y trusts it and the login passes.
func TestWizardInTmuxAsksBeforePinning(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	p := pinInTmux(t, r, r.argsWithoutCA())
	p.keys("C-c")
	p.waitFor("EXIT=130")
}

// TestWizardPinnedCertificateReachesTheClients: no CA is given, the user
// pins the server's certificate with t, writes every file with the
// password in them; then the real fetchmail and mutt log in with those
// files to the Dovecot whose CA nothing here trusts, Thunderbird's
// exception file names the certificate, and the Apple profile carries it.
func TestWizardPinnedCertificateReachesTheClients(t *testing.T) {
	mailtest.NeedTool(t, "tmux", "fetchmail", "mutt", "script")
	r := newWizardRun(t)
	p := pinInTmux(t, r, r.argsWithoutCA())
	p.keys("Enter")
	p.waitFor("step 5 of 7")
	p.keys("Enter")
	p.waitFor("fetchmailrc")
	p.keys("Down", "Down", "Down", "Space", "Down") // the Apple profile too; the password row
	p.waitFor("(space: change)")
	p.keys("Space") // inline: the clients log in without asking
	p.waitFor("written into the files")
	p.keys("Enter")
	p.waitFor("is set up")
	p.keys("Enter")
	p.waitFor("EXIT=0")

	fp := pinnedFingerprint(t, r)
	rc := filepath.Join(r.out, "fetchmailrc")
	home := t.TempDir() // its lock file, its own (as root fetchmail otherwise locks /var/run/fetchmail.pid)
	fetchmail := exec.Command("fetchmail", "-f", rc, "-c", "--nosyslog", "--nodetach", "--pidfile", filepath.Join(home, "fetchmail.pid"))
	fetchmail.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
	out, err := fetchmail.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "messages for") {
		t.Errorf("fetchmail with the exported file: %v\n%s", err, out)
	}
	if screen := runMutt(t, filepath.Join(r.out, "muttrc")); strings.Contains(screen, "(r)eject") {
		t.Errorf("mutt asks about the pinned certificate:\n%s", screen)
	}
	override, err := os.ReadFile(filepath.Join(r.out, "thunderbird", "cert_override.txt"))
	if err != nil || !strings.Contains(string(override), "\tOID.2.16.840.1.101.3.4.2.1\t"+fp+"\t") {
		t.Errorf("Thunderbird's exception for the pinned certificate: %v\n%s", err, override)
	}
	apple, err := os.ReadFile(filepath.Join(r.out, r.user.Email+".mobileconfig"))
	if err != nil || !strings.Contains(string(apple), "com.apple.security.pkcs1") {
		t.Errorf("the Apple profile carries no certificate: %v", err)
	}
}

// pinnedFingerprint is the fingerprint the saved profile pins.
func pinnedFingerprint(t *testing.T, r *wizardRun) string {
	t.Helper()
	store := profile.Store{Dir: filepath.Join(r.dir, "config", "setupwiz")}
	p, err := store.Load(r.user.Email)
	if err != nil || len(p.TLS.PinnedSHA256) != 1 || p.TLS.PinnedCertFile == "" {
		t.Fatalf("saved profile: %v %+v", err, p.TLS)
	}
	if _, err := os.Stat(p.TLS.PinnedCertFile); err != nil {
		t.Fatalf("the pinned certificate was not saved: %v", err)
	}
	return strings.ToUpper(p.TLS.PinnedSHA256[0])
}
