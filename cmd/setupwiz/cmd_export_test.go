package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// exportEnv is an env with HOME set to a fresh directory and stdin holding input.
func exportEnv(t *testing.T, stdin string) (*env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	home := t.TempDir()
	var out, errb bytes.Buffer
	vars := map[string]string{"HOME": home}
	return &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}, &out, &errb
}

func harnessFlags(s *mailtest.Server, u mailtest.User) []string {
	return []string{"--email", u.Email, "--username", u.Login, "--name", "Alice Example",
		"--pop-host", "localhost", "--pop-port", strconv.Itoa(s.POP3S), "--smtp-host", "localhost",
		"--smtp-port", strconv.Itoa(s.Submissions), "--ca-file", s.CAFile, "--password-stdin", "--timeout", "30s"}
}

func TestExportUnverifiedWritesEveryFormat(t *testing.T) {
	e, _, stderr := exportEnv(t, "")
	out := t.TempDir()
	code := run(context.Background(), []string{"export", "--unverified", "--format", "thunderbird,thunderbird-autoconfig,mutt,fetchmail,mobileconfig",
		"--out", out, "--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}, e)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, rel := range []string{"thunderbird/user.js", "thunderbird/config-v1.1.xml", "muttrc", "fetchmailrc", "jane@example.test.mobileconfig"} {
		data, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil || !strings.Contains(string(data), "UNVERIFIED") {
			t.Errorf("%s: %v; does it say UNVERIFIED?", rel, err)
		}
	}
}

func TestExportVerifiesFirstAgainstDovecot(t *testing.T) {
	s := mailtest.Shared(t)
	alice := s.User("alice")
	e, _, stderr := exportEnv(t, alice.Password+"\n")
	out := t.TempDir()
	args := append([]string{"export", "--format", "fetchmail,mutt", "--out", out}, harnessFlags(s, alice)...)
	if code := run(context.Background(), args, e); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rc, err := os.ReadFile(filepath.Join(out, "fetchmailrc"))
	if err != nil || strings.Contains(string(rc), "UNVERIFIED") || !strings.Contains(string(rc), "Verified against the live servers") {
		t.Errorf("fetchmailrc after a passing check: %v\n%s", err, rc)
	}
	if strings.Contains(string(rc), alice.Password) {
		t.Error("the password went into the file without --secrets inline")
	}
	if !strings.Contains(stderr.String(), "✓ Verified: POP3 and SMTP both work") {
		t.Errorf("the output does not say the settings were verified:\n%s", stderr)
	}
}

func TestExportRefusesSettingsThatFailVerification(t *testing.T) {
	s := mailtest.Shared(t)
	alice := s.User("alice")
	e, _, stderr := exportEnv(t, "wrong-password\n")
	out := t.TempDir()
	args := append([]string{"export", "--format", "mutt", "--out", out}, harnessFlags(s, alice)...)
	if code := run(context.Background(), args, e); code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files were written although verification failed: %v", entries)
	}
	if !strings.Contains(stderr.String(), "--unverified") {
		t.Errorf("the message does not say how to export anyway:\n%s", stderr)
	}
}

func TestExportDryRunPrintsDiffAndWritesNothing(t *testing.T) {
	e, stdout, stderr := exportEnv(t, "")
	home := e.getenv("HOME")
	if err := os.WriteFile(filepath.Join(home, ".muttrc"), []byte("set editor=vim\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code := run(context.Background(), []string{"export", "--unverified", "--dry-run", "--format", "mutt,fetchmail",
		"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}, e)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"+++ " + filepath.Join(home, ".muttrc"), "+# BEGIN setupwiz jane@example.test", "--- /dev/null"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the dry run output lacks %q:\n%s", want, stdout)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(home, ".muttrc")); string(data) != "set editor=vim\n" {
		t.Errorf("dry run changed .muttrc: %q", data)
	}
	if _, err := os.Stat(filepath.Join(home, ".fetchmailrc")); err == nil {
		t.Error("dry run created .fetchmailrc")
	}
}

func TestExportInstallsIntoManagedBlocksWithInlineSecret(t *testing.T) {
	e, _, stderr := exportEnv(t, "pa$$ `w0rd`\n")
	home := e.getenv("HOME")
	code := run(context.Background(), []string{"export", "--unverified", "--secrets", "inline", "--password-stdin", "--format", "mutt,fetchmail",
		"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}, e)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{".muttrc", ".fetchmailrc"} {
		fi, err := os.Stat(filepath.Join(home, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v, want 0600", name, err, fi.Mode().Perm())
		}
	}
	if !strings.Contains(stderr.String(), "holds your password") {
		t.Errorf("no warning about the inline password:\n%s", stderr)
	}
}

func TestExportUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"export", "--unverified", "--email", "jane@example.test"},
		{"export", "--unverified", "--format", "nope", "--email", "jane@example.test"},
		{"export", "--unverified", "--format", "mutt", "--secrets", "command", "--email", "jane@example.test"},
		{"export", "--unverified", "--format", "mobileconfig", "--sign-cert", "x.pem", "--email", "jane@example.test"},
	} {
		e, _, stderr := exportEnv(t, "")
		if code := run(context.Background(), args, e); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

func TestExportMergesIntoTheDefaultThunderbirdProfile(t *testing.T) {
	e, stdout, stderr := exportEnv(t, "")
	base := filepath.Join(e.getenv("HOME"), ".thunderbird")
	if err := os.MkdirAll(filepath.Join(base, "x.default"), 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[Profile0]\nName=default\nIsRelative=1\nPath=x.default\nDefault=1\n"
	if err := os.WriteFile(filepath.Join(base, "profiles.ini"), []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	code := run(context.Background(), []string{"export", "--unverified", "--json", "--format", "thunderbird",
		"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}, e)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	prefs, err := os.ReadFile(filepath.Join(base, "x.default", "prefs.js"))
	if err != nil || !strings.Contains(string(prefs), `user_pref("mail.server.server1.hostname", "pop.example.test");`) {
		t.Errorf("prefs.js: %v\n%s", err, prefs)
	}
	if !strings.Contains(stdout.String(), `"format": "prefs.js"`) {
		t.Errorf("the JSON output lacks the record:\n%s", stdout)
	}
	if !strings.Contains(stderr.String(), "Start Thunderbird: the account is there") {
		t.Errorf("no next step after the prefs.js merge:\n%s", stderr)
	}
}

func TestExportSavesTheProfileWithItsRecords(t *testing.T) {
	for round := range 2 {
		e, _, stderr := exportEnv(t, "")
		home := e.getenv("HOME")
		args := []string{"export", "--unverified", "--format", "mutt,fetchmail",
			"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}
		for range round + 1 {
			if code := run(context.Background(), args, e); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
		}
		p, err := wizardStore(e).Load("jane@example.test")
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Exports) != 2 || p.Exports[0].Path != filepath.Join(home, ".muttrc") || p.Exports[1].Format != "managed-block" {
			t.Errorf("round %d: saved records %+v", round, p.Exports)
		}
	}
}

func TestExportWritesTheCAFileAsAnAbsolutePath(t *testing.T) {
	e, _, stderr := exportEnv(t, "")
	out := t.TempDir()
	code := run(context.Background(), []string{"export", "--unverified", "--format", "mutt,fetchmail,thunderbird", "--out", out,
		"--ca-file", filepath.Join("testdata", "ca.pem"),
		"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}, e)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(wd, "testdata", "ca.pem")
	for _, name := range []string{"muttrc", "fetchmailrc"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s does not name the CA file as %s (mutt and fetchmail run from other directories): %v\n%s", name, want, err, data)
		}
	}
	if !strings.Contains(stderr.String(), "note: thunderbird cannot name --ca-file") {
		t.Errorf("no note that Thunderbird needs the CA imported by hand:\n%s", stderr)
	}
}
