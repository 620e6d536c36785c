package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// cliEnv is a test environment with its own HOME and config directory.
type cliEnv struct {
	home           string
	stdout, stderr bytes.Buffer
}

func newCLIEnv(t *testing.T) *cliEnv { return &cliEnv{home: t.TempDir()} }

// run runs setupwiz with args and stdin, returning the exit code.
func (c *cliEnv) run(stdin string, args ...string) int {
	c.stdout.Reset()
	c.stderr.Reset()
	vars := map[string]string{"HOME": c.home, "XDG_CONFIG_HOME": filepath.Join(c.home, ".config")}
	e := &env{stdin: strings.NewReader(stdin), stdout: &c.stdout, stderr: &c.stderr,
		getenv: func(k string) string { return vars[k] }}
	return run(context.Background(), args, e)
}

func (c *cliEnv) store() profile.Store {
	return profile.Store{Dir: filepath.Join(c.home, ".config", "setupwiz")}
}

func TestImportAndProfiles(t *testing.T) {
	c := newCLIEnv(t)
	if code := c.run("", "profiles"); code != 0 || !strings.Contains(c.stderr.String(), "No saved profiles") {
		t.Fatalf("profiles on an empty store: %d %s", code, c.stderr.String())
	}
	rc := filepath.Join(c.home, ".muttrc")
	src, err := os.ReadFile("../../internal/importers/testdata/muttrc")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rc, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if code := c.run("", "import", "--from", "mutt", "--name", "home"); code != 0 {
		t.Fatalf("import (default path) = %d: %s", code, c.stderr.String())
	}
	if code := c.run("", "import", "--from", "mutt", rc, "--name", "home"); code != 2 || !strings.Contains(c.stderr.String(), "exists already") {
		t.Errorf("second import = %d: %s; want 2, exists already", code, c.stderr.String())
	}
	if err := os.MkdirAll(filepath.Join(c.home, ".password-store"), 0o700); err != nil {
		t.Fatal(err)
	}
	if code := c.run("", "import", rc, "--from", "mutt", "--name", "home", "--force", "--secret", "pass:mail/jane"); code != 2 || !strings.Contains(c.stderr.String(), "pass init") {
		t.Errorf("import --secret pass without a set-up store = %d: %s; want 2 and how to set it up", code, c.stderr.String())
	}
	if err := os.WriteFile(filepath.Join(c.home, ".password-store", ".gpg-id"), []byte("jane@example.test\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := c.run("", "import", rc, "--from", "mutt", "--name", "home", "--force", "--secret", "pass:mail/jane"); code != 0 {
		t.Errorf("import --force = %d: %s", code, c.stderr.String())
	}
	if code := c.run("", "profiles"); code != 0 || !strings.Contains(c.stdout.String(), "home  <jane@example.test>") ||
		!strings.Contains(c.stdout.String(), "pop.example.test:995 tls") || !strings.Contains(c.stdout.String(), "password  pass entry mail/jane") {
		t.Errorf("profiles = %d:\n%s", code, c.stdout.String())
	}
	var doc struct{ Profiles []profile.Profile }
	if code := c.run("", "profiles", "--json"); code != 0 || json.Unmarshal(c.stdout.Bytes(), &doc) != nil || len(doc.Profiles) != 1 ||
		doc.Profiles[0].Secret.Ref != "mail/jane" {
		t.Errorf("profiles --json = %d: %s", code, c.stdout.String())
	}
}

func TestImportUsageErrors(t *testing.T) {
	c := newCLIEnv(t)
	for _, args := range [][]string{
		{"import"},
		{"import", "--from", "outlook", "x"},
		{"import", "--from", "mobileconfig"},
		{"import", "--from", "mutt", filepath.Join(c.home, "missing")},
		{"import", "--from", "mutt", "--secret", "vault", "x"},
	} {
		if code := c.run("", args...); code != 2 {
			t.Errorf("%v = %d, want 2: %s", args, code, c.stderr.String())
		}
	}
}

// repairFixture saves a profile for alice on a private Dovecot with a mutt export.
func repairFixture(t *testing.T, c *cliEnv) (*mailtest.Server, profile.Profile) {
	t.Helper()
	srv := mailtest.Start(t)
	u := srv.User("alice")
	p := profile.New(u.Email, "Alice")
	p.Incoming = profile.Server{Host: srv.Host, Port: srv.POP3S, Security: profile.SecurityTLS, Username: u.Login}
	p.Outgoing = profile.Server{Host: srv.Host, Port: srv.Submissions, Security: profile.SecurityTLS, Username: u.Login}
	p.Verified = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC) // saved profiles were verified once
	p.TLS.CAFile = filepath.Join(t.TempDir(), "ca.pem")
	ca, _ := os.ReadFile(srv.CAFile)
	if err := os.WriteFile(p.TLS.CAFile, ca, 0o600); err != nil {
		t.Fatal(err)
	}
	pl := exporters.Placer{Home: c.home, Now: func() time.Time { return time.Unix(0, 0) }}
	plans, err := pl.Plan([]string{"mutt"}, p, exporters.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Exports, _, err = pl.Apply(plans); err != nil {
		t.Fatal(err)
	}
	if err := c.store().Save(p); err != nil {
		t.Fatal(err)
	}
	return srv, p
}

type repairDoc struct {
	Diagnosis struct {
		OK       bool
		Findings []struct {
			Service, Cause string
			Temporary      bool
		}
	}
}

func (c *cliEnv) repairJSON(t *testing.T, password string, args ...string) (int, repairDoc) {
	t.Helper()
	code := c.run(password+"\n", append([]string{"repair", "--json", "--password-stdin", "--no-discover"}, args...)...)
	var doc repairDoc
	if err := json.Unmarshal(c.stdout.Bytes(), &doc); err != nil {
		t.Fatalf("repair --json printed no JSON (%v): %s\nstderr: %s", err, c.stdout.String(), c.stderr.String())
	}
	if strings.Contains(c.stdout.String()+c.stderr.String(), password) {
		t.Fatal("the password appears in the output")
	}
	return code, doc
}

func TestRepairJSONDiagnosesOnly(t *testing.T) {
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	pw := srv.User("alice").Password
	if code, doc := c.repairJSON(t, pw, p.Name); code != 0 || !doc.Diagnosis.OK {
		t.Fatalf("repair --json on a working profile = %d %+v: %s", code, doc, c.stderr.String())
	}
	before := snapshotFiles(t, c.store().Path(p.Name), p.Exports[0].Path)
	srv.SetPassword(t, "alice@example.test", "changed-on-server")
	code, doc := c.repairJSON(t, pw, p.Name)
	if code != 1 || doc.Diagnosis.OK || len(doc.Diagnosis.Findings) != 2 || doc.Diagnosis.Findings[0].Cause != "password_changed" {
		t.Errorf("after a password change: %d %+v", code, doc)
	}
	srv.Stop(t)
	code, doc = c.repairJSON(t, pw, p.Name)
	if code != 1 || len(doc.Diagnosis.Findings) != 2 || doc.Diagnosis.Findings[0].Cause != "server_down" || !doc.Diagnosis.Findings[0].Temporary {
		t.Errorf("server stopped: %d %+v", code, doc)
	}
	if code := c.run(pw+"\n", "repair", p.Name, "--apply", "--password-stdin", "--no-discover"); code != 1 ||
		!strings.Contains(c.stderr.String(), "temporary") {
		t.Errorf("repair --apply on a stopped server = %d: %s", code, c.stderr.String())
	}
	if after := snapshotFiles(t, c.store().Path(p.Name), p.Exports[0].Path); after != before {
		t.Error("repair changed files although it only diagnosed / the server was down")
	}
}

// TestRepairInteractive answers the line prompts: apply? yes; the new password.
func TestRepairInteractive(t *testing.T) {
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	old := srv.User("alice").Password
	srv.SetPassword(t, "alice@example.test", "the-new-one")
	code := c.run(old+"\ny\nthe-new-one\n", "repair", p.Name, "--password-stdin", "--no-discover")
	out := c.stderr.String()
	if code != 0 || !strings.Contains(out, "password changed") || !strings.Contains(out, "Apply these fixes?") || !strings.Contains(out, "saved profile") {
		t.Fatalf("interactive repair = %d:\n%s\nstdout: %s", code, out, c.stdout.String())
	}
	if strings.Contains(out, "the-new-one") || strings.Contains(out, old) {
		t.Error("a password was echoed")
	}
	saved, err := c.store().Load(p.Name)
	if err != nil || len(saved.History) == 0 || saved.Verified.IsZero() {
		t.Errorf("saved profile %+v, %v: want a history entry and a verification time", saved, err)
	}
	if code := c.run("x\nn\n", "repair", p.Name, "--password-stdin", "--no-discover"); code != 1 || !strings.Contains(c.stderr.String(), "nothing was changed") {
		t.Errorf("answering no = %d: %s", code, c.stderr.String())
	}
}

func snapshotFiles(t *testing.T, paths ...string) string {
	t.Helper()
	var b strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

func TestRepairUsage(t *testing.T) {
	c := newCLIEnv(t)
	if code := c.run("", "repair"); code != 2 || !strings.Contains(c.stderr.String(), "no saved profiles") {
		t.Errorf("repair with no profiles = %d: %s", code, c.stderr.String())
	}
	if code := c.run("", "repair", "nobody@example.test"); code != 2 {
		t.Errorf("repair of an unknown profile = %d: %s", code, c.stderr.String())
	}
}

// TestRepairRecordsAWorkingVerification: an imported profile that works gets
// its verification time and certificates, so a later outage reads as one.
func TestRepairRecordsAWorkingVerification(t *testing.T) {
	c := newCLIEnv(t)
	srv, p := repairFixture(t, c)
	p.Verified, p.TLS.SeenSHA256 = time.Time{}, nil
	if err := c.store().Save(p); err != nil {
		t.Fatal(err)
	}
	if code := c.run(srv.User("alice").Password+"\n", "repair", p.Name, "--password-stdin", "--no-discover"); code != 0 {
		t.Fatalf("repair = %d: %s", code, c.stderr.String())
	}
	saved, err := c.store().Load(p.Name)
	if err != nil || saved.Verified.IsZero() || len(saved.TLS.SeenSHA256) == 0 || len(saved.TLS.PinnedSHA256) != 0 {
		t.Fatalf("saved %+v, %v: want a verification time and seen (not pinned) certificates", saved.TLS, err)
	}
	srv.Stop(t)
	if code, doc := c.repairJSON(t, srv.User("alice").Password, p.Name); code != 1 || len(doc.Diagnosis.Findings) == 0 || !doc.Diagnosis.Findings[0].Temporary {
		t.Errorf("after a stop = %d %+v: want temporary", code, doc)
	}
}
