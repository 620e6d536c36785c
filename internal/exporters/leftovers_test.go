package exporters

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestApplyRemovesTheTempFilesOfAKilledRun: a run killed between creating
// its temporary file and renaming it leaves "..muttrc.setupwiz-NNN" (and
// the same for a backup). The next export of that file removes exactly
// those, and nothing that only looks similar, also through a link.
func TestApplyRemovesTheTempFilesOfAKilledRun(t *testing.T) {
	home := t.TempDir()
	dots := filepath.Join(home, "dotfiles")
	mkdirAll(t, dots)
	writeFile(t, home, ".muttrc", []byte("set editor=vim\n"), 0o644)
	writeFile(t, dots, "fetchmailrc", []byte("set daemon 300\n"), 0o600)
	symlink(t, filepath.Join(dots, "fetchmailrc"), filepath.Join(home, ".fetchmailrc"))
	ours := []string{
		"..muttrc.setupwiz-123456", "..muttrc.setupwiz-20261125T180000Z.bak.setupwiz-42",
		"..muttrc.setupwiz-20261125T180000Z-3.bak.setupwiz-7", "dotfiles/.fetchmailrc.setupwiz-99",
		"..fetchmailrc.setupwiz-20261125T180000Z.bak.setupwiz-5",
	}
	notOurs := []string{
		"..muttrc.setupwiz-123456.orig", "..muttrc2.setupwiz-1", ".muttrc.setupwiz-1", "..muttrc.tmp-1",
		"..muttrc.setupwiz-", "..muttrc.setupwiz-x1", "..neomuttrc.setupwiz-8", "dotfiles/..muttrc.setupwiz-1",
		".muttrc.setupwiz-20261125T180000Z.bak", "dotfiles/.fetchmailrc.setupwiz-99x",
	}
	for _, name := range slices.Concat(ours, notOurs) {
		writeFile(t, home, name, []byte("left over\n"), 0o600)
	}
	mkdirAll(t, filepath.Join(home, "..muttrc.setupwiz-77")) // a directory is never ours
	planAndApply(t, &Placer{Home: home, Now: fixedNow}, TargetMutt, TargetFetchmail)
	for _, name := range ours {
		if _, err := os.Lstat(filepath.Join(home, name)); !os.IsNotExist(err) {
			t.Errorf("%s was left behind (%v)", name, err)
		}
	}
	for _, name := range append(notOurs, "..muttrc.setupwiz-77") {
		if _, err := os.Lstat(filepath.Join(home, name)); err != nil {
			t.Errorf("%s, not setupwiz's temporary file, was removed (%v)", name, err)
		}
	}
}
