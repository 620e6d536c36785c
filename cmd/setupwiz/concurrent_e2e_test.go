package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// runResult is how one setupwiz process ended.
type runResult struct {
	code   int
	stderr string
}

// runTogether starts one real setupwiz per argument list at the same time,
// with HOME=home and nothing else of the test's environment, and waits for all.
func runTogether(t *testing.T, home string, argss ...[]string) []runResult {
	t.Helper()
	bin := setupwizBinary(t)
	cmds := make([]*exec.Cmd, len(argss))
	errs := make([]*bytes.Buffer, len(argss))
	for i, args := range argss {
		cmds[i], errs[i] = exec.Command(bin, args...), new(bytes.Buffer)
		cmds[i].Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
		cmds[i].Stderr = errs[i]
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	results := make([]runResult, len(cmds))
	for i, c := range cmds {
		err := c.Wait()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		results[i] = runResult{c.ProcessState.ExitCode(), errs[i].String()}
	}
	return results
}

func unverifiedExport(email, format string, extra ...string) []string {
	return append([]string{"export", "--unverified", "--format", format, "--email", email,
		"--pop-host", "pop.example.org", "--smtp-host", "smtp.example.org"}, extra...)
}

// TestConcurrentMuttExportsKeepBothBlocks: alice and bob export into the
// same ~/.muttrc at the same moment, round after round. Whichever comes
// second merges its block into what the first wrote; both succeed and both
// blocks are there (before the lock, about half the rounds lost one while
// both runs reported success).
func TestConcurrentMuttExportsKeepBothBlocks(t *testing.T) {
	users := []string{"alice@example.org", "bob@example.org"}
	for round := range 25 {
		home := t.TempDir()
		results := runTogether(t, home, unverifiedExport(users[0], "mutt"), unverifiedExport(users[1], "mutt"))
		assertBothBlocks(t, round, users, results, filepath.Join(home, ".muttrc"))
		assertNoLockOrTemp(t, home)
	}
}

// assertBothBlocks fails unless every run succeeded and its user's block
// is in the file; it returns the file.
func assertBothBlocks(t *testing.T, round int, users []string, results []runResult, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range users {
		if results[i].code != 0 {
			t.Errorf("round %d: %s exited %d: %s", round, u, results[i].code, results[i].stderr)
		}
		if _, ok := exporters.ExtractBlock(data, u); !ok {
			t.Errorf("round %d: both runs finished, but the block for %s is not in %s:\n%s", round, u, file, data)
		}
	}
	return data
}

// assertNoLockOrTemp fails when a lock file or temporary file of setupwiz is left in dir.
func assertNoLockOrTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".setupwiz.lock") || (strings.Contains(n, ".setupwiz-") && !strings.HasSuffix(n, ".bak")) {
			t.Errorf("left behind in %s: %s", dir, n)
		}
	}
}

// TestConcurrentThunderbirdExportsKeepBothAccounts: the same race on
// prefs.js; the second run allocates its keys against the first one's.
func TestConcurrentThunderbirdExportsKeepBothAccounts(t *testing.T) {
	users := []string{"alice@example.org", "bob@example.org"}
	for round := range 10 {
		home := t.TempDir()
		profileDir := thunderbirdHome(t, home)
		results := runTogether(t, home, unverifiedExport(users[0], "thunderbird"), unverifiedExport(users[1], "thunderbird"))
		prefs := assertBothBlocks(t, round, users, results, filepath.Join(profileDir, "prefs.js"))
		if !strings.Contains(string(prefs), `"mail.accountmanager.accounts", "account1,account2,account3"`) {
			t.Errorf("round %d: prefs.js does not list both accounts and Local Folders once each:\n%s", round, prefs)
		}
	}
}

// thunderbirdHome makes an empty default Thunderbird profile under home and returns its directory.
func thunderbirdHome(t *testing.T, home string) string {
	t.Helper()
	base := filepath.Join(home, ".thunderbird")
	if err := os.MkdirAll(filepath.Join(base, "x.default"), 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[Profile0]\nName=default\nIsRelative=1\nPath=x.default\nDefault=1\n"
	if err := os.WriteFile(filepath.Join(base, "profiles.ini"), []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(base, "x.default")
}

// TestConcurrentExportsOfOneProfileKeepBothRecords: two runs export the same
// account into two directories at once; the saved profile must remember
// both files (each run adds its record to what the other saved).
func TestConcurrentExportsOfOneProfileKeepBothRecords(t *testing.T) {
	const email = "alice@example.org"
	for round := range 15 {
		home := t.TempDir()
		outs := []string{filepath.Join(home, "a"), filepath.Join(home, "b")}
		results := runTogether(t, home, unverifiedExport(email, "mutt", "--out", outs[0]), unverifiedExport(email, "mutt", "--out", outs[1]))
		for i, r := range results {
			if r.code != 0 {
				t.Errorf("round %d: run %d exited %d: %s", round, i, r.code, r.stderr)
			}
		}
		p, err := (profile.Store{Dir: filepath.Join(home, ".config", "setupwiz")}).Load(email)
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range outs {
			if !hasRecord(p, filepath.Join(out, "muttrc")) {
				t.Errorf("round %d: the profile lost the record of %s: %+v", round, out, p.Exports)
			}
		}
	}
}

func hasRecord(p profile.Profile, path string) bool {
	for _, r := range p.Exports {
		if r.Path == path {
			return true
		}
	}
	return false
}
