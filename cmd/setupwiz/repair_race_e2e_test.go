package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// racingRepair is a repair of the real binary that the test holds at one
// point (a question, or its password command) while another setupwiz saves
// the same profile.
type racingRepair struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *signalWriter
}

// startRepair starts `setupwiz repair` in b with stdin a pipe the test
// writes to; stderr signals once it shows marker.
func startRepair(t *testing.T, b *binRun, marker string, args ...string) *racingRepair {
	t.Helper()
	r := &racingRepair{cmd: exec.Command(setupwizBinary(t), append([]string{"repair"}, args...)...),
		stderr: &signalWriter{marker: marker, ready: make(chan struct{})}}
	r.cmd.Dir, r.cmd.Env, r.cmd.Stderr = b.work, append(os.Environ(), b.env()...), r.stderr
	var err error
	if r.stdin, err = r.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.cmd.Process.Kill(); _ = r.cmd.Wait() })
	return r
}

// wait closes stdin and returns the exit status.
func (r *racingRepair) wait(t *testing.T) int {
	t.Helper()
	r.stdin.Close()
	err := r.cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return r.cmd.ProcessState.ExitCode()
}

// exportAlice exports alice's mutt settings with the password on stdin
// into the real places (the profile is saved with the record), trusting
// the server's CA.
func exportAlice(t *testing.T, b *binRun, srv *mailtest.Server, u mailtest.User, extra ...string) {
	t.Helper()
	exportTrusting(t, b, srv, u, append([]string{"--ca-file", srv.CAFile, "--format", "mutt"}, extra...)...)
}

// exportTrusting exports u's account on srv with the password on stdin,
// the trust (--ca-file, --pin-sha256) and formats in args.
func exportTrusting(t *testing.T, b *binRun, srv *mailtest.Server, u mailtest.User, args ...string) string {
	t.Helper()
	args = append([]string{"export", "--email", u.Email, "--pop-host", srv.Host, "--pop-port", fmt.Sprint(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", fmt.Sprint(srv.Submissions), "--password-stdin"}, args...)
	out, code := b.run(t, []string{u.Password}, args...)
	if code != 0 {
		t.Fatalf("export = %d:\n%s", code, out)
	}
	return out
}

// exportMeanwhile is the other setupwiz: an unverified export of the same
// account into another folder, which saves its record in the profile.
func exportMeanwhile(t *testing.T, b *binRun, srv *mailtest.Server, u mailtest.User) string {
	t.Helper()
	out := filepath.Join(b.work, "meanwhile")
	if text, code := b.run(t, nil, "export", "--unverified", "--email", u.Email, "--pop-host", srv.Host, "--pop-port", fmt.Sprint(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", fmt.Sprint(srv.Submissions), "--ca-file", srv.CAFile, "--format", "mutt", "--out", out); code != 0 {
		t.Fatalf("the export meanwhile = %d:\n%s", code, text)
	}
	return filepath.Join(out, "muttrc")
}

func (b *binRun) store() profile.Store {
	return profile.Store{Dir: filepath.Join(b.home, ".config", "setupwiz")}
}

// TestRepairKeepsARecordSavedWhileItFixed: while repair waits for the
// answer to "Apply these fixes?", another export of the same account saves
// its record; the repaired profile keeps it (repair saves under the
// profile's lock, on top of what is saved then, like export does).
func TestRepairKeepsARecordSavedWhileItFixed(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	exportAlice(t, b, srv, u)
	srv.SetPassword(t, u.Email, "the-new-one")
	r := startRepair(t, b, "Apply these fixes?", u.Email, "--password-stdin", "--no-discover")
	fmt.Fprintln(r.stdin, u.Password)
	<-r.stderr.ready
	meanwhile := exportMeanwhile(t, b, srv, u)
	fmt.Fprintln(r.stdin, "y")
	fmt.Fprintln(r.stdin, "the-new-one")
	if code := r.wait(t); code != 0 {
		t.Fatalf("repair = %d:\n%s", code, r.stderr)
	}
	p, err := b.store().Load(u.Email)
	if err != nil {
		t.Fatal(err)
	}
	if !hasRecord(p, meanwhile) || !hasRecord(p, filepath.Join(b.home, ".muttrc")) {
		t.Errorf("the repaired profile lost a record: %+v", p.Exports)
	}
}

// TestRepairKeepsARecordSavedWhileItChecked: the same when everything works
// and repair only notes the verification: the password command it runs
// (after reading the profile) waits on a FIFO until the other export is done.
func TestRepairKeepsARecordSavedWhileItChecked(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	exportAlice(t, b, srv, u)
	fifo := filepath.Join(b.work, "password.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := b.store().Update(u.Email, func(p profile.Profile, _ bool) (profile.Profile, error) {
		p.Secret = profile.SecretRef{Kind: profile.SecretCommand, Ref: "cat " + fifo}
		return p, nil
	}); err != nil {
		t.Fatal(err)
	}
	r := startRepair(t, b, "Everything works", u.Email, "--no-discover")
	pw, err := os.OpenFile(fifo, os.O_WRONLY, 0) // returns once repair's command reads it: the profile is loaded
	if err != nil {
		t.Fatal(err)
	}
	meanwhile := exportMeanwhile(t, b, srv, u)
	fmt.Fprintln(pw, u.Password)
	pw.Close()
	if code := r.wait(t); code != 0 {
		t.Fatalf("repair = %d:\n%s", code, r.stderr)
	}
	p, err := b.store().Load(u.Email)
	if err != nil {
		t.Fatal(err)
	}
	if !hasRecord(p, meanwhile) || p.Verified.IsZero() {
		t.Errorf("after repair the profile lacks the other export's record or the verification: verified %v, %+v", p.Verified, p.Exports)
	}
}
