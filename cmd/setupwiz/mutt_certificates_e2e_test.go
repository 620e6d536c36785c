package main

import (
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// leafPEM is the certificate srv shows on port, fetched trusting nothing,
// as a person sees it before accepting it.
func leafPEM(t *testing.T, srv *mailtest.Server, port int) []byte {
	t.Helper()
	conn, err := tls.Dial("tcp", srv.Addr(port), &tls.Config{InsecureSkipVerify: true, ServerName: "localhost"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: conn.ConnectionState().PeerCertificates[0].Raw})
}

// TestPinnedCertificateJoinsMuttsOwnCertificates: mutt's settings go into
// the user's own ~/.muttrc, where certificate_file serves every account.
// setupwiz leaves it alone and adds the pinned certificate to the file mutt
// uses (~/.mutt_certificates), with a backup, and says so. The real mutt
// and neomutt then fetch from the pinned server, and still from the server
// whose certificate the user had accepted in mutt before, without asking.
func TestPinnedCertificateJoinsMuttsOwnCertificates(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt", "script", "timeout")
	pinned := mailtest.Start(t)    // the account set up now: no authority vouches for it, only its pin
	accepted := mailtest.Shared(t) // an account from before, accepted in mutt with "(a)ccept always"
	u := pinned.User("alice")
	b := newBinRun(t)
	certs := filepath.Join(b.home, ".mutt_certificates")
	acceptedPEM := leafPEM(t, accepted, accepted.POP3S)
	for name, data := range map[string][]byte{".muttrc": []byte("set editor=vi\n"), ".mutt_certificates": acceptedPEM} {
		if err := os.WriteFile(filepath.Join(b.home, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(b.home, "Mail"), 0o700); err != nil {
		t.Fatal(err)
	}
	out := exportTrusting(t, b, pinned, u, "--pin-sha256", pinned.CertSHA256(), "--format", "mutt", "--secrets", "inline")
	rc := filepath.Join(b.home, ".muttrc")
	data, _ := os.ReadFile(rc)
	if block, _ := exporters.ExtractBlock(data, u.Email); strings.Contains(string(block), "set certificate_file") {
		t.Errorf("the block in ~/.muttrc sets certificate_file, which every account there uses:\n%s", block)
	}
	have, _ := os.ReadFile(certs)
	if !strings.Contains(string(have), string(acceptedPEM)) || !strings.Contains(string(have), string(leafPEM(t, pinned, pinned.POP3S))) {
		t.Errorf("~/.mutt_certificates does not hold both the accepted and the pinned certificate:\n%s", have)
	}
	if baks, _ := filepath.Glob(certs + ".setupwiz-*.bak"); len(baks) != 1 {
		t.Errorf("backups of ~/.mutt_certificates: %v, want one", baks)
	}
	if !strings.Contains(oneLine(out), "also wrote "+certs) {
		t.Errorf("the export does not say it added the certificate to %s:\n%s", certs, out)
	}
	// The other account: the user's muttrc, then that account's server (a file of the test's own).
	other := filepath.Join(b.work, "accepted.rc")
	acc := accepted.User("alice")
	settings := fmt.Sprintf("source %s\nset pop_host='pops://%s:%d' pop_user='%s' pop_pass='%s'\n", rc, accepted.Host, accepted.POP3S, acc.Login, acc.Password)
	if err := os.WriteFile(other, []byte(settings), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + b.home, "TERM=xterm", "PATH=" + os.Getenv("PATH")}
	for _, client := range []string{"mutt", "neomutt"} {
		t.Run(client, func(t *testing.T) {
			q := exec.Command(client, "-n", "-F", rc, "-Q", "certificate_file")
			q.Env = env
			if got, err := q.Output(); err != nil || !strings.Contains(string(got), b.home+"/.mutt_certificates") && !strings.Contains(string(got), "~/.mutt_certificates") {
				t.Errorf("%s -Q certificate_file = %q (%v), want mutt's own file", client, got, err)
			}
			if ok, screen := muttFetch(t, client, b.home, rc, env); !ok {
				t.Errorf("%s did not fetch from the pinned server with ~/.muttrc:\n%s", client, screen)
			}
			if ok, screen := muttFetch(t, client, b.home, other, env); !ok {
				t.Errorf("%s no longer fetches from the server whose certificate was accepted before:\n%s", client, screen)
			}
		})
	}
}

// TestWizardSaysThePinnedCertificateJoinsMuttsFile: line mode, with a pinned
// certificate and mutt's settings going into ~/.muttrc, says before writing
// and at the end that the certificate goes into ~/.mutt_certificates, and
// does so.
func TestWizardSaysThePinnedCertificateJoinsMuttsFile(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	dir := shortTempDir(t)
	r := &wizardRun{srv: srv, user: u, dir: dir, out: filepath.Join(dir, "out"), password: u.Password}
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	args := withoutOut(r.args("--password-stdin", "--pin-sha256", srv.CertSHA256()))
	i := slices.Index(args, "--ca-file")
	args = slices.Delete(args, i, i+2) // no authority: only the pin
	text, code := runLines(t, r.env(), []string{r.password, "", "", "y", "", "", "", "", "", "mutt", "none", "y", ""}, args...)
	certs := filepath.Join(home, ".mutt_certificates")
	note := "The pinned certificate goes into " + certs + ", the file mutt keeps the certificates you accepted in"
	if code != 0 || strings.Count(oneLine(text), note) != 2 {
		t.Errorf("exit %d; line mode says %d times where the pinned certificate goes, want before writing and at the end:\n%s", code, strings.Count(oneLine(text), note), text)
	}
	if have, _ := os.ReadFile(certs); !strings.Contains(string(have), string(leafPEM(t, srv, srv.POP3S))) {
		t.Errorf("%s does not hold the pinned certificate:\n%s", certs, have)
	}
}

// TestDryRunNamesWhatGoesWithTheFiles: export --dry-run lists, besides the
// client files, every file that would be written with them for a pinned
// certificate: setupwiz's saved copy, Thunderbird's cert_override.txt,
// mutt's own certificate file; and writes none of them.
func TestDryRunNamesWhatGoesWithTheFiles(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	out := filepath.Join(b.work, "out")
	account := []string{"export", "--dry-run", "--email", u.Email, "--pop-host", srv.Host, "--pop-port", fmt.Sprint(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", fmt.Sprint(srv.Submissions), "--pin-sha256", srv.CertSHA256(), "--password-stdin"}
	copyOf := filepath.Join(b.home, ".config", "setupwiz", "certs", u.Email+".pem")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"--format", "thunderbird,fetchmail", "--out", out}, []string{
			"also: " + copyOf + ", the saved copy of the pinned certificate (mode 0600) would be created",
			"also: " + filepath.Join(out, "thunderbird", "cert_override.txt") + ", Thunderbird's exception for the pinned certificate (mode 0600) would be created"}},
		{[]string{"--format", "mutt"}, []string{
			"also: " + filepath.Join(b.home, ".mutt_certificates") + ", mutt's own file of accepted certificates, with the pinned certificate added (mode 0600) would be created"}},
	} {
		text, code := b.run(t, []string{u.Password}, append(account, c.args...)...)
		for _, want := range c.want {
			if code != 0 || !strings.Contains(oneLine(text), want) {
				t.Errorf("exit %d; --dry-run %v does not say %q:\n%s", code, c.args, want, text)
			}
		}
	}
	for _, f := range []string{out, copyOf, filepath.Join(b.home, ".mutt_certificates"), filepath.Join(b.home, ".muttrc")} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("--dry-run wrote %s", f)
		}
	}
}

// TestRepairTakesTheOldPinnedCertificateOutOfMuttsFile: the pinned server's
// certificate was replaced; once repair trusts the new one, mutt's own file
// of accepted certificates holds the new one and no longer the old (which
// mutt would otherwise go on trusting), keeps the certificate the user had
// accepted for another server on the same host name, and the real mutt
// fetches again.
func TestRepairTakesTheOldPinnedCertificateOutOfMuttsFile(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "script", "timeout")
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	rc, certs := filepath.Join(b.home, ".muttrc"), filepath.Join(b.home, ".mutt_certificates")
	other := mailtest.Shared(t) // another server on the same host name, its certificate accepted in mutt
	acceptedPEM := leafPEM(t, other, other.POP3S)
	if os.WriteFile(rc, []byte("set editor=vi\n"), 0o600) != nil || os.WriteFile(certs, acceptedPEM, 0o600) != nil {
		t.Fatal("writing the user's mutt files")
	}
	exportTrusting(t, b, srv, u, "--pin-sha256", srv.CertSHA256(), "--format", "mutt", "--secrets", "inline")
	oldPEM := leafPEM(t, srv, srv.POP3S)
	if have, _ := os.ReadFile(certs); !strings.Contains(string(have), string(oldPEM)) {
		t.Fatalf("the pinned certificate is not in %s:\n%s", certs, have)
	}
	srv.ReplaceCertificate(t)
	out, code := b.run(t, []string{u.Password, "y", "y"}, "repair", u.Email, "--password-stdin", "--no-discover")
	if code != 0 {
		t.Fatalf("repair = %d:\n%s", code, out)
	}
	have, _ := os.ReadFile(certs)
	if strings.Contains(string(have), string(oldPEM)) || !strings.Contains(string(have), string(leafPEM(t, srv, srv.POP3S))) ||
		!strings.Contains(string(have), string(acceptedPEM)) {
		t.Errorf("after repair %s should hold the new certificate and the accepted one, not the old:\n%s\n%s", certs, have, out)
	}
	env := []string{"HOME=" + b.home, "TERM=xterm", "PATH=" + os.Getenv("PATH")}
	if ok, screen := muttFetch(t, "mutt", b.home, rc, env); !ok {
		t.Errorf("mutt does not fetch after repair:\n%s", screen)
	}
}
