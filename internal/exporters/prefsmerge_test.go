package exporters

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// existingPrefs is a profile Thunderbird wrote: an IMAP account, Local Folders, one SMTP server.
const existingPrefs = `// Mozilla User Preferences
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.account.lastKey", 2);
user_pref("mail.accountmanager.accounts", "account1,account2");
user_pref("mail.accountmanager.defaultaccount", "account1");
user_pref("mail.accountmanager.localfoldersserver", "server2");
user_pref("mail.identity.id1.fullName", "Old Me");
user_pref("mail.identity.id1.smtpServer", "smtp1");
user_pref("mail.server.server1.hostname", "imap.example.org");
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.type", "none");
user_pref("mail.smtp.defaultserver", "smtp1");
user_pref("mail.smtpserver.smtp1.hostname", "smtp.example.org");
user_pref("mail.smtpservers", "smtp1");
`

func tbProfileDir(t *testing.T, prefs string) string {
	t.Helper()
	dir := t.TempDir()
	if prefs != "" {
		writeFile(t, dir, "prefs.js", []byte(prefs), 0o600)
	}
	return dir
}

func mergeOnce(t *testing.T, dir string) (Plan, prefMap) {
	t.Helper()
	pl := &Placer{ThunderbirdProfile: dir, Now: fixedNow}
	plans, err := pl.Plan([]string{TargetThunderbird}, sampleProfile(), opts())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := pl.Apply(plans); err != nil {
		t.Fatal(err)
	}
	return plans[0], parsePrefs([]byte(readFile(t, filepath.Join(dir, "prefs.js"))))
}

func TestPrefsMergeKeepsAccountsAndPicksFreshKeys(t *testing.T) {
	dir := tbProfileDir(t, existingPrefs)
	plan, m := mergeOnce(t, dir)
	checkEq(t, "accounts", m.str("mail.accountmanager.accounts"), "account1,account2,account3")
	checkEq(t, "smtpservers", m.str("mail.smtpservers"), "smtp1,smtp2")
	checkEq(t, "default account kept", m.str("mail.accountmanager.defaultaccount"), "account1")
	checkEq(t, "default smtp kept", m.str("mail.smtp.defaultserver"), "smtp1")
	checkEq(t, "local folders kept", m.str("mail.accountmanager.localfoldersserver"), "server2")
	checkEq(t, "new server", m.str("mail.account.account3.server"), "server3")
	checkEq(t, "new identity", m.str("mail.account.account3.identities"), "id2")
	checkEq(t, "identity smtp", m.str("mail.identity.id2.smtpServer"), "smtp2")
	checkEq(t, "hostname", m.str("mail.server.server3.hostname"), "pop.example.test")
	checkEq(t, "marker", m.str("mail.server.server3."+markerPref), "jane@example.test")
	checkEq(t, "old identity kept", m.str("mail.identity.id1.fullName"), "Old Me")
	checkEq(t, "lastKey", m.int("mail.account.lastKey"), 3)
	checkEq(t, "format", plan.Format, "prefs.js")
	changed := map[string]bool{"mail.accountmanager.accounts": true, "mail.smtpservers": true, "mail.account.lastKey": true}
	for name, v := range parsePrefs([]byte(existingPrefs)) {
		if !changed[name] && m[name] != v {
			t.Errorf("merge changed %s from %+v to %+v", name, v, m[name])
		}
	}
}

func TestPrefsMergeRepairReusesTheMarkedKeys(t *testing.T) {
	dir := tbProfileDir(t, existingPrefs)
	_, first := mergeOnce(t, dir)
	// Thunderbird rewrites prefs.js on exit: sorted, without our comments.
	var lines []string
	for _, l := range strings.Split(readFile(t, filepath.Join(dir, "prefs.js")), "\n") {
		if strings.HasPrefix(l, "user_pref(") {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	writeFile(t, dir, "prefs.js", []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	plan, second := mergeOnce(t, dir)
	checkEq(t, "accounts", second.str("mail.accountmanager.accounts"), first.str("mail.accountmanager.accounts"))
	checkEq(t, "smtpservers", second.str("mail.smtpservers"), "smtp1,smtp2")
	checkEq(t, "server", second.str("mail.account.account3.server"), "server3")
	if strings.Count(string(plan.New), `"mail.server.server3.hostname"`) != 1 {
		t.Errorf("repair duplicated prefs:\n%s", plan.New)
	}
	if _, ok := second["mail.server.server4.type"]; ok {
		t.Error("repair created a second account")
	}
}

func TestPrefsMergeCreatesLocalFoldersWhenMissing(t *testing.T) {
	dir := tbProfileDir(t, "")
	_, m := mergeOnce(t, dir)
	lf := m.str("mail.accountmanager.localfoldersserver")
	checkEq(t, "local folders type", m.str("mail.server."+lf+".type"), "none")
	checkEq(t, "accounts", m.str("mail.accountmanager.accounts"), "account1,account2")
	checkEq(t, "default account", m.str("mail.accountmanager.defaultaccount"), "account1")
}

func TestPrefsMergeRefusesWhileThunderbirdRuns(t *testing.T) {
	dir := tbProfileDir(t, existingPrefs)
	if err := os.Symlink("127.0.0.1:+4242", filepath.Join(dir, "lock")); err != nil {
		t.Fatal(err)
	}
	_, err := (&Placer{ThunderbirdProfile: dir}).Plan([]string{TargetThunderbird}, sampleProfile(), opts())
	var running *ErrThunderbirdRunning
	if !errors.As(err, &running) {
		t.Fatalf("got %v, want ErrThunderbirdRunning", err)
	}
	checkEq(t, "prefs.js", readFile(t, filepath.Join(dir, "prefs.js")), existingPrefs)
}

func TestLeftoverParentLockDoesNotCountAsRunning(t *testing.T) {
	dir := tbProfileDir(t, existingPrefs)
	writeFile(t, dir, ".parentlock", nil, 0o644)
	if ThunderbirdLocked(dir) {
		t.Error("an unlocked .parentlock left after exit counted as running")
	}
}

func TestFindThunderbirdProfile(t *testing.T) {
	home := t.TempDir()
	base := filepath.Join(home, ".thunderbird")
	for _, d := range []string{"a.default", "b.default-esr"} {
		if err := os.MkdirAll(filepath.Join(base, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	profiles := "[Profile1]\nName=a\nIsRelative=1\nPath=a.default\nDefault=1\n\n[Profile0]\nName=b\nIsRelative=1\nPath=b.default-esr\n"
	writeFile(t, base, "profiles.ini", []byte(profiles), 0o644)
	got, err := FindThunderbirdProfile(home)
	checkEq(t, "Default=1", got, filepath.Join(base, "a.default"))
	checkEq(t, "error", err, nil)
	writeFile(t, base, "profiles.ini", []byte("[Install4F96D1932A9F858E]\nDefault=b.default-esr\nLocked=1\n\n"+profiles), 0o644)
	got, _ = FindThunderbirdProfile(home)
	checkEq(t, "Install default first", got, filepath.Join(base, "b.default-esr"))
	if _, err := FindThunderbirdProfile(t.TempDir()); !errors.Is(err, ErrNoThunderbirdProfile) {
		t.Errorf("no profiles.ini gave %v", err)
	}
	for _, base := range []string{filepath.Join("snap", "thunderbird", "common", ".thunderbird"), filepath.Join(".var", "app", "org.mozilla.Thunderbird", ".thunderbird")} {
		home := t.TempDir()
		dir := filepath.Join(home, base, "x.default")
		mkdirAll(t, dir)
		writeFile(t, filepath.Join(home, base), "profiles.ini", []byte("[Profile0]\nName=x\nIsRelative=1\nPath=x.default\n"), 0o644)
		got, err := FindThunderbirdProfile(home)
		checkEq(t, base, got, dir)
		checkEq(t, base+" error", err, nil)
	}
}

func TestExtractBlockRoundTrip(t *testing.T) {
	body := []byte("set a=1\nset b=2\n")
	file := replaceBlock([]byte("mine\n"), "p", wrapBlock("#", "p", body))
	got, ok := ExtractBlock(file, "p")
	if !ok || string(got) != string(body) {
		t.Fatalf("ExtractBlock = %q, %v", got, ok)
	}
	if _, ok := ExtractBlock(file, "p2"); ok {
		t.Error("found a block for another profile")
	}
	if _, ok := ExtractBlock([]byte("# BEGIN setupwiz p\nno end\n"), "p"); ok {
		t.Error("an unterminated block was accepted")
	}
	file = replaceBlock(append(file, "after\n"...), "p", wrapBlock("#", "p", []byte("x\n")))
	checkEq(t, "replaced in place", string(file), "mine\n\n# BEGIN setupwiz p\nx\n# END setupwiz p\nafter\n")
}
