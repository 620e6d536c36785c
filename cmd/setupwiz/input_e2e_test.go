package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runBinary runs the real setupwiz in dir with HOME=home, stdin as given,
// and nothing else of the test's environment. A run that does not end is
// killed after hangLimit and fails the test: that is a hang, not slowness.
func runBinary(t *testing.T, home, dir, stdin string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(setupwizBinary(t), args...)
	cmd.Dir, cmd.Env = dir, []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
	var stderr bytes.Buffer
	cmd.Stdin, cmd.Stderr = strings.NewReader(stdin), &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	hung := time.AfterFunc(hangLimit, func() { _ = cmd.Process.Kill() })
	err := cmd.Wait()
	if !hung.Stop() {
		t.Fatalf("setupwiz %q was still running after %v: killed\n%s", args, hangLimit, stderr.String())
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return runResult{cmd.ProcessState.ExitCode(), stderr.String()}
}

const hangLimit = 30 * time.Second

// inputFiles writes the files the input-error cases name into dir.
func inputFiles(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{"nul.pw": "a\x00b\n", "good.pw": "s3cret\n", "not.pem": "no certificate\n",
		"empty.rc": "set daemon 300\n", "alice.rc": "poll pop.example.org proto POP3\n  user \"alice@example.org\" ssl\n"}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// TestEveryInputErrorExits2: bad input through the real binary, the whole
// way: exit status 2 (not 1, "verification failed"; not a hang), a message
// naming the problem, and nothing written to the home directory. A FIFO
// is refused without waiting for a writer, and a password with a NUL byte
// or invalid UTF-8 is an input error before any login is tried.
func TestEveryInputErrorExits2(t *testing.T) {
	account := []string{"--email", "alice@example.org", "--pop-host", "pop.example.org", "--smtp-host", "smtp.example.org", "--timeout", "5s"}
	export := append([]string{"export", "--format", "mutt", "--unverified", "--secrets", "inline"}, account...)
	verified := append([]string{"export", "--format", "mutt"}, account...)
	verifyCmd := append([]string{"verify"}, account...)
	with := func(base []string, more ...string) []string { return append(append([]string{}, base...), more...) }
	long := strings.Repeat("x", 5000) + "\n"
	for _, c := range []struct {
		name, stdin, want string
		args              []string
	}{
		{"password file is a FIFO", "", "is a FIFO (named pipe)", with(export, "--password-file", "fifo")},
		{"password file is a directory", "", "is a directory", with(export, "--password-file", "adir")},
		{"password file is a device", "", "is a character device", with(export, "--password-file", "/dev/null")},
		{"password file is missing", "", "no such file", with(export, "--password-file", "missing")},
		{"NUL in the password file", "", "NUL byte", with(export, "--password-file", "nul.pw")},
		{"NUL on --password-stdin", "a\x00b\n", "NUL byte", with(export, "--password-stdin")},
		{"invalid UTF-8 on --password-stdin", "a\xffb\n", "not valid UTF-8", with(export, "--password-stdin")},
		{"empty --password-stdin", "", "empty", with(export, "--password-stdin")},
		{"password line too long", long, "longer than", with(export, "--password-stdin")},
		{"NUL before a verified export", "a\x00b\n", "NUL byte", with(verified, "--password-stdin")},
		{"NUL before verify", "a\x00b\n", "NUL byte", with(verifyCmd, "--password-stdin")},
		{"NUL in the wizard's password file", "", "NUL byte", append([]string{"--lines", "--password-file", "nul.pw"}, account...)},
		{"line mode's answers end too soon", "\n", `standard input ended before "Your name, as recipients see it (optional)" was answered`,
			append([]string{"--lines", "--password-file", "good.pw"}, account...)},
		{"CA file is a FIFO", "", "is a FIFO", with(export, "--password-file", "good.pw", "--ca-file", "fifo")},
		{"CA file without a certificate", "", "no PEM certificate", with(export, "--password-file", "good.pw", "--ca-file", "not.pem")},
		{"signing certificate is a FIFO", "", "is a FIFO", append([]string{"export", "--format", "mobileconfig", "--unverified",
			"--sign-cert", "fifo", "--sign-key", "fifo"}, account...)},
		{"OAuth token file is a FIFO", "", "is a FIFO", with(verifyCmd, "--oauth-token-file", "fifo")},
		{"import from a FIFO", "", "is a FIFO", []string{"import", "--from", "fetchmail", "fifo"}},
		{"import from a directory", "", "is a directory", []string{"import", "--from", "fetchmail", "adir"}},
		{"import from a missing file", "", "no such file", []string{"import", "--from", "fetchmail", "missing"}},
		{"import a file without an account", "", "no POP3 account", []string{"import", "--from", "fetchmail", "empty.rc"}},
		{"import an address the file lacks", "", "has no account for bob@example.org", []string{"import", "--from", "fetchmail", "--email", "bob@example.org", "alice.rc"}},
		{"import in an unknown format", "", "unknown import format", []string{"import", "--from", "nope", "alice.rc"}},
		{"unknown export format", "", "nope", with(export, "--format", "nope")},
		{"export without --format", "", "--format", []string{"export", "--unverified", "--email", "alice@example.org"}},
		{"bad address", "", "--email", []string{"export", "--format", "mutt", "--unverified", "--email", "alice"}},
		{"port out of range", "", "--pop-port must be between 1 and 65535", with(export, "--password-file", "good.pw", "--pop-port", "70000")},
		{"bad SMTP host", "", "--smtp-host is not a valid host name", with(export, "--password-file", "good.pw", "--smtp-host", "a b")},
		{"port out of range in verify", "", "--smtp-port must be between 1 and 65535", with(verifyCmd, "--password-file", "good.pw", "--smtp-port=-5")},
		{"port out of range in the wizard", "", "--pop-port must be between 1 and 65535", append([]string{"--lines", "--password-file", "good.pw", "--pop-port", "70000"}, account...)},
		{"zero timeout", "", "--timeout", with(export, "--password-file", "good.pw", "--timeout", "0s")},
		{"DNS server without a port", "", "ADDR:PORT", with(export, "--password-file", "good.pw", "--dns-server", "10.0.0.1")},
		{"unknown flag", "", "unknown flag", []string{"export", "--no-such-flag"}},
		{"unknown command", "", "unknown command", []string{"no-such-command"}},
		{"repair of no saved profile", "", "no such profile", []string{"repair", "nobody@example.org"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			home, dir := t.TempDir(), t.TempDir()
			inputFiles(t, dir)
			r := runBinary(t, home, dir, c.stdin, c.args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, want 2 with %q in:\n%s", r.code, c.want, r.stderr)
			}
			if entries, _ := os.ReadDir(home); len(entries) != 0 {
				t.Errorf("an input error wrote into the home directory: %v", entries)
			}
		})
	}
}
