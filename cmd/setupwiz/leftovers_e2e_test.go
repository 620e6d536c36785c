package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExportRemovesWhatAKilledRunLeft: the real binary, after a run was
// killed (SIGKILL) between creating its temporary files and renaming them:
// the next export of the same file and profile removes them.
func TestExportRemovesWhatAKilledRunLeft(t *testing.T) {
	home := t.TempDir()
	profiles := filepath.Join(home, ".config", "setupwiz", "profiles")
	if err := os.MkdirAll(profiles, 0o700); err != nil {
		t.Fatal(err)
	}
	left := []string{filepath.Join(home, "..muttrc.setupwiz-2718281828"),
		filepath.Join(home, "..muttrc.setupwiz-20261125T180000Z.bak.setupwiz-31415"),
		filepath.Join(profiles, ".alice@example.org.toml.tmp-1618033")}
	for _, f := range left {
		if err := os.WriteFile(f, []byte("half written\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if r := runTogether(t, home, unverifiedExport("alice@example.org", "mutt"))[0]; r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, f := range left {
		if _, err := os.Lstat(f); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the next export (%v)", f, err)
		}
	}
}
