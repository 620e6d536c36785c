package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestExportSaysWhenItFollowsALink: the real binary, ~/.muttrc linked into
// a dotfiles directory: the link stays, the dotfile gets the block, and
// the output names the file written through the link.
func TestExportSaysWhenItFollowsALink(t *testing.T) {
	home := t.TempDir()
	dotfile := linkedMuttrc(t, home)
	r := runTogether(t, home, unverifiedExport("alice@example.org", "mutt"))[0]
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "is a symbolic link: setupwiz writes "+dotfile) {
		t.Errorf("the output does not say the link was followed:\n%s", r.stderr)
	}
	if fi, err := os.Lstat(filepath.Join(home, ".muttrc")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("~/.muttrc is no longer a link (%v)", err)
	}
	data, _ := os.ReadFile(dotfile)
	if !strings.Contains(string(data), "BEGIN setupwiz alice@example.org") {
		t.Errorf("dotfiles/muttrc:\n%s", data)
	}
}

// linkedMuttrc makes ~/.muttrc under home a link into home/dotfiles and
// returns the dotfile.
func linkedMuttrc(t *testing.T, home string) string {
	t.Helper()
	dots := filepath.Join(home, "dotfiles")
	if err := os.MkdirAll(dots, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dots, "muttrc"), []byte("set editor=vim\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("dotfiles/muttrc", filepath.Join(home, ".muttrc")); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dots, "muttrc")
}

// withoutOut drops --out DIR from args: the files go to their real places.
func withoutOut(args []string) []string {
	i := slices.Index(args, "--out")
	return slices.Delete(slices.Clone(args), i, i+2)
}

// TestWizardSaysWhenItFollowsALink: the wizard writes mutt's settings
// through ~/.muttrc, a link into a dotfiles folder, and says so as export
// does: on the last screen and in what it leaves in the terminal (the
// full-screen wizard, at 80×24 and 60×20), before writing and at the end
// (line mode).
func TestWizardSaysWhenItFollowsALink(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		r := newWizardRun(t)
		dotfile := linkedMuttrc(t, filepath.Join(r.dir, "home"))
		note := "is a symbolic link: setupwiz writes " + dotfile + ", and the link stays"
		p, _ := walkToVerified(t, r, size[0], size[1], withoutOut(r.args()))
		p.keys("Enter")
		p.waitFor("step 5 of 7")
		p.keys("Enter")
		p.waitFor(".muttrc")
		p.keys("Enter")
		done := p.waitFor("is set up")
		if strings.Contains(done, "pgdn") {
			p.keys("PageDown")
			done += p.waitFor("pgup")
		}
		saveCapture(t, fmt.Sprintf("7-done-link-%dx%d", size[0], size[1]), done)
		if !strings.Contains(oneLine(done), note) {
			t.Errorf("%dx%d: the done screen does not say the link was followed:\n%s", size[0], size[1], done)
		}
		p.keys("Enter")
		p.waitFor("EXIT=0")
		if after := p.scrollback(); !strings.Contains(oneLine(after), note) {
			t.Errorf("%dx%d: what the wizard leaves in the terminal does not say the link was followed:\n%s", size[0], size[1], after)
		}
	}

	l := newWizardRun(t)
	dotfile := linkedMuttrc(t, filepath.Join(l.dir, "home"))
	note := "is a symbolic link: setupwiz writes " + dotfile + ", and the link stays"
	text, code := runLines(t, l.env(), []string{l.password, "", "", "y", "", "", "", "", "", "mutt", "none", "y", ""},
		withoutOut(l.args("--password-stdin"))...)
	if code != 0 || strings.Count(text, note) != 2 {
		t.Errorf("exit %d; line mode says %d times that the link was followed, want before writing and at the end:\n%s", code, strings.Count(text, note), text)
	}
}

// TestRepairSaysWhenItFollowsALink: repair rewrites a file that holds the
// changed password through the link ~/.muttrc, keeps the link, and says so
// in its plan and when it is done.
func TestRepairSaysWhenItFollowsALink(t *testing.T) {
	srv := mailtest.Start(t)
	u := srv.User("alice")
	b := newBinRun(t)
	dotfile := linkedMuttrc(t, b.home)
	exportAlice(t, b, srv, u, "--secrets", "inline")
	srv.SetPassword(t, u.Email, "the-new-one")
	out, code := b.run(t, []string{u.Password, "y", "the-new-one"}, "repair", u.Email, "--password-stdin", "--no-discover")
	if code != 0 {
		t.Fatalf("repair = %d:\n%s", code, out)
	}
	note := "is a symbolic link: setupwiz writes " + dotfile + ", and the link stays"
	if n := strings.Count(oneLine(out), note); n != 2 {
		t.Errorf("repair says %d times that the link was followed, want in the plan and when done:\n%s", n, out)
	}
	if fi, err := os.Lstat(filepath.Join(b.home, ".muttrc")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("~/.muttrc is no longer a link (%v)", err)
	}
	if data, _ := os.ReadFile(dotfile); !strings.Contains(string(data), "the-new-one") {
		t.Errorf("the dotfile does not hold the new password")
	}
}
