package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// secretEnv is an export env whose pass(1) store is storeDir.
func secretEnv(t *testing.T, stdin, storeDir string) (*env, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	vars := map[string]string{"HOME": t.TempDir(), "PASSWORD_STORE_DIR": storeDir}
	return &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}, &errb
}

// fakePassOnPath puts a stand-in for pass(1) first on PATH that keeps what
// `insert` reads from stdin in dir/stored; dir gets the .gpg-id of a set-up store.
func fakePassOnPath(t *testing.T, dir string) {
	t.Helper()
	passOnPath(t, dir, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$PASSWORD_STORE_DIR/argv\"\n[ \"$1\" = insert ] && cat > \"$PASSWORD_STORE_DIR/stored\"\nexit 0\n")
}

// passOnPath puts script first on PATH as pass(1), with dir as a set-up
// store (its .gpg-id) in PASSWORD_STORE_DIR.
func passOnPath(t *testing.T, dir, script string) {
	t.Helper()
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "pass"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".gpg-id"), []byte("test@example.test\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("PASSWORD_STORE_DIR", dir)
}

func TestExportSecretPassStoresTheVerifiedPassword(t *testing.T) {
	s := mailtest.Shared(t)
	alice := s.User("alice")
	store := t.TempDir()
	fakePassOnPath(t, store)
	e, stderr := secretEnv(t, alice.Password+"\n", store)
	args := append([]string{"export", "--format", "mutt", "--out", t.TempDir(), "--secret", "pass:mail/alice"}, harnessFlags(s, alice)...)
	if code := run(context.Background(), args, e); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, err := os.ReadFile(filepath.Join(store, "stored")); err != nil || strings.TrimSpace(string(got)) != alice.Password {
		t.Errorf("pass received %v: not the verified password", err)
	}
	p, err := wizardStore(e).Load(alice.Email)
	if err != nil || p.Secret != (profile.SecretRef{Kind: profile.SecretPass, Ref: "mail/alice"}) {
		t.Errorf("saved profile secret %+v, %v; want pass:mail/alice", p.Secret, err)
	}
	if strings.Contains(stderr.String(), alice.Password) {
		t.Error("the password appeared in the output")
	}
}

func TestExportSecretUnavailableIsUsageErrorBeforeWriting(t *testing.T) {
	out := t.TempDir()
	e, stderr := secretEnv(t, "some-password\n", t.TempDir()) // a store without .gpg-id: pass is not set up
	args := []string{"export", "--format", "mutt", "--out", out, "--secret", "pass:mail/jane", "--password-stdin",
		"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}
	if code := run(context.Background(), args, e); code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, stderr)
	}
	if msg := stderr.String(); !strings.Contains(msg, "is not available") || !strings.Contains(msg, "prompt (being asked each time)") {
		t.Errorf("the message does not say why and what else works:\n%s", msg)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files were written: %v", entries)
	}
}

func TestExportSecretKeyringWithoutSecretService(t *testing.T) {
	needNoSecretService(t)
	e, stderr := secretEnv(t, "", t.TempDir())
	args := []string{"export", "--format", "mutt", "--out", t.TempDir(), "--secret", "keyring", "--password-stdin",
		"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}
	if code := run(context.Background(), args, e); code != 2 || !mentionsChoices(stderr.String()) {
		t.Errorf("exit %d: %s; want 2, why, and the choices", code, stderr)
	}
}

func TestExportSecretRefusals(t *testing.T) {
	for _, tc := range []struct{ name, flag, want string }{
		{"unverified", "--unverified", "--unverified"},
		{"no-save", "--no-save", "--no-save"},
		{"bad syntax", "", "use keyring, prompt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, stderr := secretEnv(t, "", t.TempDir())
			secret := "keyring"
			if tc.flag == "" {
				secret = "pass:" // no entry
			}
			args := []string{"export", "--format", "mutt", "--out", t.TempDir(), "--secret", secret,
				"--email", "jane@example.test", "--pop-host", "pop.example.test", "--smtp-host", "smtp.example.test"}
			if tc.flag != "" {
				args = append(args, tc.flag)
			}
			if code := run(context.Background(), args, e); code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d: %s; want 2 mentioning %q", code, stderr, tc.want)
			}
		})
	}
}

func TestExportSecretCommandMustPrintTheVerifiedPassword(t *testing.T) {
	s := mailtest.Shared(t)
	alice := s.User("alice")
	out := t.TempDir()
	e, stderr := secretEnv(t, alice.Password+"\n", t.TempDir())
	args := append([]string{"export", "--format", "mutt", "--out", out, "--secret", "command:echo not-the-password"}, harnessFlags(s, alice)...)
	if code := run(context.Background(), args, e); code != 1 || !strings.Contains(stderr.String(), "different password") {
		t.Errorf("exit %d: %s; want 1 saying the command prints another password", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files were written: %v", entries)
	}
	if _, err := wizardStore(e).Load(alice.Email); err == nil {
		t.Error("a profile was saved pointing at a command that does not print the password")
	}
}
