package main

import (
	"crypto/sha256"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// binRun runs the real binary with a private HOME and working directory.
type binRun struct {
	home, work string
}

func newBinRun(t *testing.T) *binRun {
	return &binRun{home: t.TempDir(), work: t.TempDir()}
}

func (b *binRun) env() []string {
	return []string{"HOME=" + b.home, "XDG_CONFIG_HOME=" + filepath.Join(b.home, ".config")}
}

// run runs setupwiz in b's working directory; it returns stderr and the exit status.
func (b *binRun) run(t *testing.T, stdin []string, args ...string) (string, int) {
	t.Helper()
	return runIn(t, b.work, b.env(), stdin, args...)
}

// TestRepairLeavesUnchangedFilesAlone: after a password change, files that
// hold no password only differ in their header's time: repair lists every
// recorded export with its verdict (the .mobileconfig too) and rewrites none.
func TestRepairLeavesUnchangedFilesAlone(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	out, code := b.run(t, []string{u.Password}, "export", "--email", u.Email, "--pop-host", srv.Host, "--pop-port", fmt.Sprint(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", fmt.Sprint(srv.Submissions), "--ca-file", srv.CAFile, "--password-stdin",
		"--format", "mutt,fetchmail,mobileconfig,thunderbird-autoconfig")
	if code != 0 {
		t.Fatalf("export = %d:\n%s", code, out)
	}
	files := []string{filepath.Join(b.home, ".muttrc"), filepath.Join(b.home, ".fetchmailrc"),
		filepath.Join(b.work, u.Email+".mobileconfig"), filepath.Join(b.work, "config-v1.1.xml")}
	before := snapshotFiles(t, files...)
	srv.SetPassword(t, u.Email, "the-new-one")
	out, code = b.run(t, []string{u.Password, "y", "the-new-one"}, "repair", u.Email, "--password-stdin", "--no-discover")
	if code != 0 {
		t.Fatalf("repair = %d:\n%s", code, out)
	}
	if !strings.Contains(out, "Apply these fixes? [y/N] y\n") {
		t.Errorf("the piped answer to the question is not on its line:\n%s", out)
	}
	plan := out[strings.Index(out, "Repair will:"):strings.Index(out, "Apply these fixes?")]
	if n := strings.Count(plan, "unchanged: left as it is"); n != len(files) {
		t.Errorf("the plan lists %d files as unchanged, want all %d:\n%s", n, len(files), plan)
	}
	for _, f := range files {
		if !strings.Contains(out, "unchanged: "+f) {
			t.Errorf("%s is not reported unchanged:\n%s", f, out)
		}
	}
	if strings.Contains(out, "rewrite") || strings.Contains(out, "rewrote") {
		t.Errorf("repair rewrote files that only differ in a time stamp:\n%s", out)
	}
	if after := snapshotFiles(t, files...); after != before {
		t.Error("files changed")
	}
	for _, dir := range []string{b.home, b.work} {
		if baks, _ := filepath.Glob(filepath.Join(dir, "*.bak")); len(baks) > 0 {
			t.Errorf("backups of unchanged files: %v", baks)
		}
	}
}

// TestRepairShowsACertificateChangeOnce: the server's certificate changed
// (a new CA); repair shows the old and the new certificate side by side,
// with the issuer, each fingerprint once, in groups that wrap between
// groups within 80 columns.
func TestRepairShowsACertificateChangeOnce(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	ca := filepath.Join(b.work, "ca.pem") // a copy: the swap below rewrites the harness's own
	data, err := os.ReadFile(srv.CAFile)
	if err != nil || os.WriteFile(ca, data, 0o600) != nil {
		t.Fatal(err)
	}
	out, code := b.run(t, []string{u.Password}, "export", "--email", u.Email, "--pop-host", srv.Host, "--pop-port", fmt.Sprint(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", fmt.Sprint(srv.Submissions), "--ca-file", ca, "--password-stdin", "--format", "mutt")
	if code != 0 {
		t.Fatalf("export = %d:\n%s", code, out)
	}
	oldFP, newFP := srv.ReplaceCertificate(t)
	out, code = b.run(t, []string{u.Password, "n"}, "repair", u.Email, "--password-stdin", "--no-discover")
	if code != 1 {
		t.Fatalf("repair, declined = %d:\n%s", code, out)
	}
	if !strings.Contains(out, "Apply these fixes? [y/N] n\nsetupwiz: nothing was changed") {
		t.Errorf("the piped answer to the question is not on its line:\n%s", out)
	}
	for _, fp := range []string{oldFP, newFP} {
		groups := fingerprintGroups(fp)
		if n := strings.Count(strings.Join(strings.Fields(out), " "), groups[:29]); n != 1 {
			t.Errorf("fingerprint %s shown %d times, want once:\n%s", fp, n, out)
		}
		if strings.Contains(out, fp) || strings.Contains(out, strings.ReplaceAll(fp, ":", "")) {
			t.Errorf("fingerprint %s also shown whole:\n%s", fp, out)
		}
	}
	for _, want := range []string{"known before", "shown now", "issuer", "mailtest throwaway CA", "valid"} {
		if !strings.Contains(out, want) {
			t.Errorf("the comparison lacks %q:\n%s", want, out)
		}
	}
	saveCaptureText(t, "repair-certificate-changed", out)
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf("a line of %d columns: %q", len([]rune(line)), line)
		}
	}
}

// TestRepairCarriesANewPinnedCertificateToTheFiles: the server's pinned
// certificate was replaced; once the user trusts the new one, the saved
// copy and the files follow it, and the real fetchmail logs in again.
func TestRepairCarriesANewPinnedCertificateToTheFiles(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	exportTrusting(t, b, srv, u, "--pin-sha256", srv.CertSHA256(), "--format", "fetchmail", "--secrets", "inline")
	rc := filepath.Join(b.home, ".fetchmailrc")
	fetchmail := func() error {
		// a lock file of its own: as root fetchmail otherwise locks /var/run/fetchmail.pid
		cmd := exec.Command("fetchmail", "-f", rc, "-c", "--nosyslog", "--nodetach", "--pidfile", filepath.Join(b.home, "fetchmail.pid"))
		cmd.Env = []string{"HOME=" + b.home, "PATH=" + os.Getenv("PATH")}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
		return nil
	}
	if err := fetchmail(); err != nil {
		t.Fatalf("fetchmail with the pinned certificate: %v", err)
	}
	_, newFP := srv.ReplaceCertificate(t)
	if fetchmail() == nil {
		t.Fatal("fetchmail accepted a certificate that is not the pinned one")
	}
	out, code := b.run(t, []string{u.Password, "y", "y"}, "repair", u.Email, "--password-stdin", "--no-discover")
	if code != 0 {
		t.Fatalf("repair = %d:\n%s", code, out)
	}
	if err := fetchmail(); err != nil {
		t.Errorf("fetchmail after repair trusted the new certificate: %v\n%s", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(b.home, ".config", "setupwiz", "certs", u.Email+".pem"))
	block, _ := pem.Decode(saved)
	if err != nil || block == nil || fmt.Sprintf("%X", sha256Of(block.Bytes)) != strings.ReplaceAll(newFP, ":", "") {
		t.Errorf("the saved copy is not the new certificate: %v", err)
	}
}

func sha256Of(b []byte) []byte {
	sum := sha256.Sum256(b)
	return sum[:]
}
