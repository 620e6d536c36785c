package exporters

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// offlineProfile uses .invalid hosts and no checks at startup, so Thunderbird
// accepts and materialises the account without a network or a password.
func offlineProfile() profile.Profile {
	p := sampleProfile()
	p.Incoming.Host, p.Outgoing.Host = "pop.example.invalid", "smtp.example.invalid"
	p.POP.CheckIntervalMinutes = 0
	return p
}

// TestThunderbirdAcceptsTheAccount starts the real Thunderbird headless once
// per install path (a user.js in a new profile, a prefs.js merge into a
// profile with an account) and checks that the account was accepted: its
// mail directory appears and prefs.js still lists it after Thunderbird exits.
func TestThunderbirdAcceptsTheAccount(t *testing.T) {
	mailtest.NeedTool(t, "thunderbird")
	t.Run("user.js", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		writeFile(t, dir, "user.js", export(t, Thunderbird(), offlineProfile(), opts()), 0o600)
		prefs := runThunderbird(t, dir)
		checkEq(t, "accounts", prefs.str("mail.accountmanager.accounts"), "account1,account2")
		checkAccount(t, prefs, "server1")
	})
	t.Run("prefs.js merge", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		writeFile(t, dir, "prefs.js", []byte(strings.ReplaceAll(existingPrefs, ".example.org", ".example.invalid")), 0o600)
		pl := &Placer{ThunderbirdProfile: dir, Now: fixedNow}
		plans, err := pl.Plan([]string{TargetThunderbird}, offlineProfile(), opts())
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := pl.Apply(plans); err != nil {
			t.Fatal(err)
		}
		prefs := runThunderbird(t, dir)
		checkEq(t, "accounts", prefs.str("mail.accountmanager.accounts"), "account1,account2,account3")
		checkAccount(t, prefs, "server3")
		checkEq(t, "the old account", prefs.str("mail.server.server1.hostname"), "imap.example.invalid")
	})
}

func checkAccount(t *testing.T, prefs prefMap, server string) {
	t.Helper()
	s := "mail.server." + server + "."
	checkEq(t, "type", prefs.str(s+"type"), "pop3")
	checkEq(t, "hostname", prefs.str(s+"hostname"), "pop.example.invalid")
	checkEq(t, "leave_on_server", prefs.int(s+"leave_on_server"), 1)
	checkEq(t, "delete_by_age_from_server", prefs.int(s+"delete_by_age_from_server"), 0)
	checkEq(t, "marker", prefs.str(s+markerPref), "jane@example.test")
	if !strings.Contains(prefs.str(s+"directory-rel"), "Mail/pop.example.invalid") {
		t.Errorf("Thunderbird did not record the mail directory: %q", prefs.str(s+"directory-rel"))
	}
}

// runThunderbird starts Thunderbird on dir, waits until the account's mail
// directory appears, asks it to quit and returns the prefs.js it wrote.
func runThunderbird(t *testing.T, dir string) prefMap {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command("thunderbird", "--headless", "--no-remote", "--profile", dir)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "TMPDIR=" + home}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	appeared := waitForDir(filepath.Join(dir, "Mail", "pop.example.invalid"), done)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("Thunderbird did not exit after SIGTERM:\n%s", stderr.String())
	}
	if !appeared {
		t.Fatalf("Thunderbird never created Mail/pop.example.invalid: the account was dropped\n%s", stderr.String())
	}
	if strings.Contains(stderr.String(), "prefs parse error") {
		t.Errorf("Thunderbird could not parse the prefs:\n%s", stderr.String())
	}
	return parsePrefs([]byte(readFile(t, filepath.Join(dir, "prefs.js"))))
}

// waitForDir polls for path until it exists, the process exits or a generous bound passes.
func waitForDir(path string, exited chan error) bool {
	deadline := time.Now().Add(120 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			time.Sleep(2 * time.Second) // let it finish writing prefs for the new folders
			return true
		}
		select {
		case err := <-exited:
			exited <- err
			return false
		case <-time.After(200 * time.Millisecond):
		}
	}
	return false
}
