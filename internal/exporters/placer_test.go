package exporters

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func allTargets() []string {
	return []string{TargetThunderbird, TargetThunderbirdAutoconfig, TargetMutt, TargetFetchmail, TargetMobileConfig}
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestPlacerOutDirLayoutModesAndBackups(t *testing.T) {
	out := t.TempDir()
	now := fixedNow()
	pl := &Placer{OutDir: out, Now: func() time.Time { return now }}
	plans, err := pl.Plan(allTargets(), sampleProfile(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	records, backups, err := pl.Apply(plans)
	if err != nil || len(backups) != 0 || len(records) != 5 {
		t.Fatalf("Apply: %v, %d records, backups %v", err, len(records), backups)
	}
	want := map[string]fs.FileMode{
		"thunderbird/user.js": 0o600, "thunderbird/config-v1.1.xml": 0o644, "muttrc": 0o644,
		"fetchmailrc": 0o600, "jane@example.test.mobileconfig": 0o644,
	}
	for rel, m := range want {
		checkEq(t, rel+" mode", mode(t, filepath.Join(out, rel)), m)
	}
	for _, r := range records {
		checkEq(t, r.Path+" checksum", r.Checksum, Checksum([]byte(readFile(t, r.Path))))
	}
	again, _ := pl.Plan(allTargets(), sampleProfile(), Options{})
	for _, p := range again {
		if p.Changed() || p.Diff != "" {
			t.Errorf("%s: a second identical export would change the file:\n%s", p.Path, p.Diff)
		}
	}
	now = now.Add(time.Hour)
	plans, _ = pl.Plan([]string{TargetMutt}, sampleProfile(), Options{Secrets: SecretsInline, Password: profile.NewPassword("pw")})
	_, backups, err = pl.Apply(plans)
	if err != nil || len(backups) != 1 {
		t.Fatalf("re-export: %v, backups %v", err, backups)
	}
	checkEq(t, "backup name", filepath.Base(backups[0]), "muttrc.setupwiz-20261125T190000Z.bak")
	checkEq(t, "backup mode", mode(t, backups[0]), 0o644)
	checkEq(t, "muttrc mode with a secret", mode(t, filepath.Join(out, "muttrc")), 0o600)
	assertNoTempFiles(t, out)
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if strings.Contains(d.Name(), ".setupwiz-") && !strings.HasSuffix(d.Name(), ".bak") {
			t.Errorf("temporary file left behind: %s", path)
		}
		return nil
	})
}

func TestPlacerManagedBlocksKeepTheUsersLines(t *testing.T) {
	home := t.TempDir()
	userMutt := "# my own settings\nset editor=vim\n"
	userFetch := "set daemon 300\npoll other.example.org proto POP3\n  user \"me\" there\n"
	writeFile(t, home, ".muttrc", []byte(userMutt), 0o644)
	writeFile(t, home, ".fetchmailrc", []byte(userFetch), 0o644)
	pl := &Placer{Home: home, WorkDir: t.TempDir(), Now: fixedNow}
	for round := range 2 {
		plans, err := pl.Plan([]string{TargetMutt, TargetFetchmail}, sampleProfile(), opts())
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := pl.Apply(plans); err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			file := readFile(t, p.Path)
			block, ok := ExtractBlock([]byte(file), "jane@example.test")
			if !ok || string(block) != string(p.Written) || Checksum(block) != Checksum(p.Written) {
				t.Errorf("round %d %s: the block does not hold what was written", round, p.Path)
			}
			if strings.Count(file, BeginMarker("jane@example.test")) != 1 {
				t.Errorf("round %d %s: %d blocks", round, p.Path, strings.Count(file, BeginMarker("jane@example.test")))
			}
		}
	}
	mutt, fetch := readFile(t, filepath.Join(home, ".muttrc")), readFile(t, filepath.Join(home, ".fetchmailrc"))
	if !strings.HasPrefix(mutt, userMutt) || !strings.HasPrefix(fetch, userFetch) {
		t.Errorf("the user's own lines changed:\n%s\n%s", mutt, fetch)
	}
	checkEq(t, ".fetchmailrc mode", mode(t, filepath.Join(home, ".fetchmailrc")), 0o600)
	checkEq(t, ".muttrc mode", mode(t, filepath.Join(home, ".muttrc")), 0o644)
}

// TestPlacerWritesTheMuttrcMuttReads sets up each layout of mutt files,
// places a setting where the Placer says, and asks the real mutt whether it
// read it (an existing ~/.mutt/muttrc must not be hidden by a new ~/.muttrc).
func TestPlacerWritesTheMuttrcMuttReads(t *testing.T) {
	xdg := filepath.Join(".config", "mutt", "muttrc")
	dot := filepath.Join(".mutt", "muttrc")
	for _, c := range []struct {
		name     string
		dirs     []string
		files    []string
		wantPath string
	}{
		{"nothing", nil, nil, ".muttrc"},
		{"~/.mutt exists", []string{".mutt"}, nil, dot},
		{"~/.mutt/muttrc", nil, []string{dot}, dot},
		{"XDG directory", []string{filepath.Dir(xdg)}, nil, xdg},
		{"~/.muttrc and XDG file", nil, []string{".muttrc", xdg}, ".muttrc"},
		{"~/.mutt/muttrc and XDG file", nil, []string{dot, xdg}, dot},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			for _, d := range c.dirs {
				mkdirAll(t, filepath.Join(home, d))
			}
			for _, f := range c.files {
				mkdirAll(t, filepath.Dir(filepath.Join(home, f)))
				writeFile(t, home, f, []byte("set realname='the user'\n"), 0o600)
			}
			got := (&Placer{Home: home}).muttPath()
			checkEq(t, "path", got, filepath.Join(home, c.wantPath))
			checkMuttReads(t, home, got)
		})
	}
}

func mkdirAll(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

// checkMuttReads appends a setting to path and checks that mutt, started with HOME=home, sees it.
func checkMuttReads(t *testing.T, home, path string) {
	t.Helper()
	mailtest.NeedTool(t, "mutt")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("set realname='setupwiz'\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, []string{"HOME=" + home}, nil, "mutt", "-Q", "realname")
	if err != nil || strings.TrimSpace(out) != `realname="setupwiz"` {
		t.Errorf("mutt did not read %s: %q %v\n%s", path, out, err, stderr)
	}
}

func TestDryRunWritesNothingAndItsDiffPatchesTheFile(t *testing.T) {
	home := t.TempDir()
	old := "set editor=vim\nset sort=threads\n"
	path := writeFile(t, home, ".muttrc", []byte(old), 0o644)
	pl := &Placer{Home: home, Now: fixedNow}
	plans, err := pl.Plan([]string{TargetMutt, TargetFetchmail}, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	checkEq(t, "muttrc untouched", readFile(t, path), old)
	if _, err := os.Stat(filepath.Join(home, ".fetchmailrc")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dry run created .fetchmailrc (%v)", err)
	}
	checkPatch(t, old, string(plans[0].New), plans[0].Diff)
}

// TestApplyMergesOrRefusesAFileChangedSincePlanning: a change made after
// Plan is never overwritten. Outside setupwiz's block it is kept and the
// block merged in; in the block itself, or in a whole file, Apply refuses.
func TestApplyMergesOrRefusesAFileChangedSincePlanning(t *testing.T) {
	home := t.TempDir()
	path := writeFile(t, home, ".muttrc", []byte("a\n"), 0o644)
	pl := &Placer{Home: home, Now: fixedNow}
	plans, err := pl.Plan([]string{TargetMutt}, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, home, ".muttrc", []byte("a\nb\n"), 0o644)
	records, _, err := pl.Apply(plans)
	if err != nil {
		t.Fatalf("Apply refused a change outside its block: %v", err)
	}
	merged := readFile(t, path)
	block, ok := ExtractBlock([]byte(merged), "jane@example.test")
	if !strings.HasPrefix(merged, "a\nb\n") || !ok || records[0].Checksum != Checksum(block) {
		t.Errorf("the change after planning was not kept, or the block not merged:\n%s", merged)
	}

	plans, err = pl.Plan([]string{TargetMutt}, sampleProfile(), Options{Now: fixedNow, Unverified: true})
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(merged, "set from=", "set from=x", 1)
	writeFile(t, home, ".muttrc", []byte(edited), 0o644)
	if _, _, err := pl.Apply(plans); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Errorf("Apply overwrote an edit of its own block: %v", err)
	}
	checkEq(t, "muttrc after the refusal", readFile(t, path), edited)

	out := t.TempDir()
	whole := &Placer{OutDir: out, Now: fixedNow}
	plans, err = whole.Plan([]string{TargetMutt}, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, out, "muttrc", []byte("theirs\n"), 0o644)
	if _, _, err := whole.Apply(plans); err == nil {
		t.Error("Apply replaced a whole file created after planning")
	}
	checkEq(t, "whole file after the refusal", readFile(t, filepath.Join(out, "muttrc")), "theirs\n")
}

func TestPlacerRefusesValuesTheFormatCannotCarry(t *testing.T) {
	p := sampleProfile()
	o := opts()
	o.Secrets, o.Password = SecretsInline, profile.NewPassword("a\x00b")
	for _, target := range []string{TargetMutt, TargetFetchmail} {
		_, err := (&Placer{OutDir: t.TempDir()}).Plan([]string{target}, p, o)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "password" {
			t.Errorf("%s: NUL in the password gave %v, want a FieldError naming the password", target, err)
		}
	}
	p.DisplayName = "two\nlines"
	_, err := (&Placer{OutDir: t.TempDir()}).Plan([]string{TargetThunderbird}, p, opts())
	if err == nil || !strings.Contains(err.Error(), "display_name") {
		t.Errorf("a line break in the display name gave %v", err)
	}
	ctl := sampleProfile()
	ctl.DisplayName, ctl.Incoming.Username = "Jane", "jane\x01"
	for _, e := range []Exporter{ThunderbirdAutoconfig(), MobileConfig()} {
		err := e.Export(new(strings.Builder), ctl, opts())
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "incoming.username" {
			t.Errorf("%s: a control character in the user name gave %v, want a FieldError (XML cannot carry it)", e.Name(), err)
		}
	}
}

func TestPlaintextNeedsExplicitConsent(t *testing.T) {
	p := sampleProfile()
	p.Incoming.Security, p.Incoming.Port = profile.SecurityNone, 110
	for _, e := range Formats() {
		if err := e.Export(new(strings.Builder), p, opts()); err == nil || !strings.Contains(err.Error(), "incoming.security") {
			t.Errorf("%s: plaintext without consent gave %v", e.Name(), err)
		}
	}
	p.TLS.AllowPlaintext = true
	for _, e := range Formats() {
		if err := e.Export(new(strings.Builder), p, opts()); err != nil {
			t.Errorf("%s: plaintext with consent: %v", e.Name(), err)
		}
	}
}

func TestDryRunDiffNeverShowsAPassword(t *testing.T) {
	home := t.TempDir()
	writeFile(t, home, ".fetchmailrc", []byte("poll old.example.org proto POP3\n  user \"me\" there with password \"olds3cret\"\n"), 0o600)
	writeFile(t, home, ".muttrc", []byte("set imap_pass=\"olds3cret\"\n"), 0o600)
	o := opts()
	o.Secrets, o.Password, o.IncludePassword = SecretsInline, profile.NewPassword("news3cret"), true
	pl := &Placer{Home: home, WorkDir: t.TempDir(), Now: fixedNow}
	plans, err := pl.Plan([]string{TargetFetchmail, TargetMutt, TargetMobileConfig}, sampleProfile(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		if strings.Contains(p.Diff, "s3cret") || !strings.Contains(p.Diff, mask) {
			t.Errorf("%s diff shows a password (or masks none):\n%s", p.Target, p.Diff)
		}
		if !strings.Contains(string(p.New), "news3cret") {
			t.Errorf("%s: the file itself lost the password", p.Target)
		}
	}
}

// TestPlacerWritesTheFetchmailrcFetchmailReads: with $FETCHMAILHOME set to a
// directory, the real fetchmail reads $FETCHMAILHOME/fetchmailrc, and that is
// where the entry goes.
func TestPlacerWritesTheFetchmailrcFetchmailReads(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	home, fmHome := t.TempDir(), t.TempDir()
	pl := &Placer{Home: home, FetchmailHome: fmHome, Now: fixedNow}
	plans, err := pl.Plan([]string{TargetFetchmail}, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	checkEq(t, "path", plans[0].Path, filepath.Join(fmHome, "fetchmailrc"))
	if _, _, err := pl.Apply(plans); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, []string{"HOME=" + home, "FETCHMAILHOME=" + fmHome}, nil, "fetchmail", "--configdump")
	if err != nil || !strings.Contains(out, `"pop.example.test"`) {
		t.Errorf("fetchmail did not read the entry from $FETCHMAILHOME: %v\n%s%s", err, out, stderr)
	}
	missing := &Placer{Home: home, FetchmailHome: filepath.Join(home, "nope")}
	path, _, _ := missing.path(TargetFetchmail, sampleProfile())
	checkEq(t, "FETCHMAILHOME not a directory", path, filepath.Join(home, ".fetchmailrc"))
}
