package exporters

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// assertLink fails unless link is still a symbolic link whose text is target.
func assertLink(t *testing.T, link, target string) {
	t.Helper()
	got, err := os.Readlink(link)
	if err != nil || got != target {
		t.Errorf("%s is no longer the link to %s (%q, %v)", link, target, got, err)
	}
}

func planAndApply(t *testing.T, pl *Placer, targets ...string) []Plan {
	t.Helper()
	plans, err := pl.Plan(targets, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := pl.Apply(plans); err != nil {
		t.Fatal(err)
	}
	return plans
}

// TestPlacerWritesThroughStowStyleLinks: ~/.muttrc -> dotfiles/muttrc (and
// a chain of two links for .fetchmailrc) keep being links; the user's
// dotfile gets the block, written in its own directory, and the plan says
// the link was followed. A second export makes a backup next to the link.
func TestPlacerWritesThroughStowStyleLinks(t *testing.T) {
	home := t.TempDir()
	dots := filepath.Join(home, "dotfiles")
	mkdirAll(t, dots)
	own := "set editor=vim\n"
	writeFile(t, dots, "muttrc", []byte(own), 0o644)
	writeFile(t, dots, "fetchmailrc", []byte("set daemon 300\n"), 0o600)
	symlink(t, filepath.Join("dotfiles", "muttrc"), filepath.Join(home, ".muttrc"))
	symlink(t, "fetchmailrc", filepath.Join(dots, "fetchmailrc.link"))
	symlink(t, filepath.Join(dots, "fetchmailrc.link"), filepath.Join(home, ".fetchmailrc"))
	pl := &Placer{Home: home, Now: fixedNow}
	plans := planAndApply(t, pl, TargetMutt, TargetFetchmail)
	assertLink(t, filepath.Join(home, ".muttrc"), filepath.Join("dotfiles", "muttrc"))
	assertLink(t, filepath.Join(home, ".fetchmailrc"), filepath.Join(dots, "fetchmailrc.link"))
	assertLink(t, filepath.Join(dots, "fetchmailrc.link"), "fetchmailrc")
	for i, file := range []string{"muttrc", "fetchmailrc"} {
		got := readFile(t, filepath.Join(dots, file))
		if _, ok := ExtractBlock([]byte(got), "jane@example.test"); !ok {
			t.Errorf("dotfiles/%s has no block:\n%s", file, got)
		}
		checkEq(t, file+" resolved", plans[i].Resolved, filepath.Join(dots, file))
		if !strings.Contains(plans[i].LinkNote(), "symbolic link") {
			t.Errorf("%s: the plan does not say the link was followed: %q", file, plans[i].LinkNote())
		}
	}
	if !strings.HasPrefix(readFile(t, filepath.Join(dots, "muttrc")), own) {
		t.Error("the user's own line in dotfiles/muttrc changed")
	}
	pl.Now = func() time.Time { return fixedNow().Add(time.Hour) }
	plans, err := pl.Plan([]string{TargetMutt}, sampleProfile(), Options{Now: fixedNow, Unverified: true})
	if err != nil {
		t.Fatal(err)
	}
	_, backups, err := pl.Apply(plans)
	if err != nil || len(backups) != 1 || filepath.Dir(backups[0]) != home {
		t.Errorf("second export: %v, backups %v (want one beside the link, in %s)", err, backups, home)
	}
	assertLink(t, filepath.Join(home, ".muttrc"), filepath.Join("dotfiles", "muttrc"))
	assertNoTempFiles(t, home)
}

// TestPlacerCreatesTheFileADanglingLinkNames: a link to a dotfile not
// written yet, in the user's own directory, gets the file created there.
func TestPlacerCreatesTheFileADanglingLinkNames(t *testing.T) {
	home := t.TempDir()
	mkdirAll(t, filepath.Join(home, "dotfiles"))
	symlink(t, filepath.Join(home, "dotfiles", "muttrc"), filepath.Join(home, ".muttrc"))
	planAndApply(t, &Placer{Home: home, Now: fixedNow}, TargetMutt)
	assertLink(t, filepath.Join(home, ".muttrc"), filepath.Join(home, "dotfiles", "muttrc"))
	if _, ok := ExtractBlock([]byte(readFile(t, filepath.Join(home, "dotfiles", "muttrc"))), "jane@example.test"); !ok {
		t.Error("the file the link names was not written")
	}
}

// chownToOther gives path to uid 65534 (nobody). Only root can; CI runs
// the tests as root, so there a failure to do it fails the test.
func chownToOther(t *testing.T, path string) {
	t.Helper()
	if err := os.Lchown(path, 65534, 65534); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("giving %s to another user: %v (the tests run as root in CI)", path, err)
		}
		t.Skipf("cannot give a file to another user here (%v): run as root", err)
	}
}

// TestPlacerRefusesLinksToOtherUsersFiles: a ~/.fetchmailrc or ~/.muttrc
// that links to someone else's file, or dangles into someone else's
// directory (or into no directory), is refused at Plan, before its text is
// read; nothing is written, created or changed, even by root.
func TestPlacerRefusesLinksToOtherUsersFiles(t *testing.T) {
	for _, c := range []struct {
		name, target string
		setup        func(t *testing.T, other string) string // returns the link's destination
		problem      string
	}{
		{"file of another user", TargetFetchmail, func(t *testing.T, other string) string {
			f := writeFile(t, other, "fetchmailrc", []byte("poll theirs.example.org\n  user \"bob\" with password \"bobs-secret\"\n"), 0o600)
			chownToOther(t, f)
			return f
		}, "belongs to another user (uid 65534)"},
		{"dangling into another user's directory", TargetMutt, func(t *testing.T, other string) string {
			chownToOther(t, other)
			return filepath.Join(other, "muttrc")
		}, "in a directory that belongs to another user (uid 65534)"},
		{"dangling into no directory", TargetMutt, func(t *testing.T, other string) string {
			return filepath.Join(other, "missing", "muttrc")
		}, "in a directory that does not exist either"},
	} {
		t.Run(c.name, func(t *testing.T) {
			home, other := t.TempDir(), t.TempDir()
			dest := c.setup(t, other)
			link := filepath.Join(home, map[string]string{TargetMutt: ".muttrc", TargetFetchmail: ".fetchmailrc"}[c.target])
			symlink(t, dest, link)
			before := snapshot(t, home, other)
			_, err := (&Placer{Home: home, Now: fixedNow}).Plan([]string{c.target}, sampleProfile(), opts())
			var le *LinkError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), c.problem) || !strings.Contains(err.Error(), link) {
				t.Fatalf("Plan gave %v, want a LinkError saying %q", err, c.problem)
			}
			if strings.Contains(err.Error(), "bobs-secret") {
				t.Error("the refusal shows the other user's file")
			}
			checkEq(t, "files after the refusal", snapshot(t, home, other), before)
			assertLink(t, link, dest)
		})
	}
}

// TestApplyRefusesALinkRepointedSincePlanning: the plan read one file; if
// the link now leads elsewhere, nothing is written.
func TestApplyRefusesALinkRepointedSincePlanning(t *testing.T) {
	home := t.TempDir()
	writeFile(t, home, "a", []byte("a\n"), 0o644)
	writeFile(t, home, "b", []byte("b\n"), 0o644)
	symlink(t, "a", filepath.Join(home, ".muttrc"))
	pl := &Placer{Home: home, Now: fixedNow}
	plans, err := pl.Plan([]string{TargetMutt}, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(home, ".muttrc"))
	symlink(t, "b", filepath.Join(home, ".muttrc"))
	if _, _, err := pl.Apply(plans); err == nil || !strings.Contains(err.Error(), "now leads to") {
		t.Errorf("Apply after the link moved: %v", err)
	}
	checkEq(t, "a", readFile(t, filepath.Join(home, "a")), "a\n")
	checkEq(t, "b", readFile(t, filepath.Join(home, "b")), "b\n")
}

// snapshot lists every name under the dirs with its mode, link text and content.
func snapshot(t *testing.T, dirs ...string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range dirs {
		filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, _ := os.Lstat(path)
			link, _ := os.Readlink(path)
			data := ""
			if fi.Mode().IsRegular() {
				data = readFile(t, path)
			}
			b.WriteString(path + " " + fi.Mode().String() + " " + link + " " + data + "\n")
			return nil
		})
	}
	return b.String()
}
