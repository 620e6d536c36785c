package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportSaysWhenItFollowsALink: the real binary, ~/.muttrc linked into
// a dotfiles directory: the link stays, the dotfile gets the block, and
// the output names the file written through the link.
func TestExportSaysWhenItFollowsALink(t *testing.T) {
	home := t.TempDir()
	dots := filepath.Join(home, "dotfiles")
	if err := os.Mkdir(dots, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dots, "muttrc"), []byte("set editor=vim\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("dotfiles/muttrc", filepath.Join(home, ".muttrc")); err != nil {
		t.Fatal(err)
	}
	r := runTogether(t, home, unverifiedExport("alice@example.org", "mutt"))[0]
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "is a symbolic link: setupwiz writes "+filepath.Join(dots, "muttrc")) {
		t.Errorf("the output does not say the link was followed:\n%s", r.stderr)
	}
	if fi, err := os.Lstat(filepath.Join(home, ".muttrc")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("~/.muttrc is no longer a link (%v)", err)
	}
	data, _ := os.ReadFile(filepath.Join(dots, "muttrc"))
	if !strings.Contains(string(data), "BEGIN setupwiz alice@example.org") {
		t.Errorf("dotfiles/muttrc:\n%s", data)
	}
}
