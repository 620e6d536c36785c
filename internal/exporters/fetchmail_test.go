package exporters

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// fetchmailServer is one server entry of `fetchmail --configdump`, read back through Python.
type fetchmailServer struct {
	Pollname string `json:"pollname"`
	Protocol string `json:"protocol"`
	Service  string `json:"service"`
	Auth     string `json:"auth"`
	Timeout  int    `json:"timeout"`
	UIDL     int    `json:"uidl"`
	Users    []struct {
		Remote      string   `json:"remote"`
		Password    *string  `json:"password"`
		Keep        int      `json:"keep"`
		Fetchall    int      `json:"fetchall"`
		SSL         int      `json:"ssl"`
		SSLProto    *string  `json:"sslproto"`
		SSLCertCk   int      `json:"sslcertck"`
		SSLCertFile *string  `json:"sslcertfile"`
		MDA         *string  `json:"mda"`
		SMTPHunt    []string `json:"smtphunt"`
	} `json:"users"`
}

// dumpToJSON runs the Python-literal dump and prints it as JSON. fetchmail
// prints control bytes as \0xHH, which is turned into \xHH first; it prints
// garbage for non-ASCII bytes (a 6.4.37 bug), so callers compare ASCII only.
const dumpToJSON = `
import sys, json, re
src = re.sub(r'\\0x([0-9a-fA-F]{2})', r'\\x\1', sys.stdin.read())
ns = {}
exec(src, ns)
json.dump(ns['fetchmailrc']['servers'], sys.stdout)
`

// fetchmailDump parses rc with the real fetchmail and returns its server entries.
func fetchmailDump(t *testing.T, rc []byte) []fetchmailServer {
	t.Helper()
	mailtest.NeedTool(t, "fetchmail", "python3")
	dir := t.TempDir()
	path := writeFile(t, dir, "fetchmailrc", rc, 0o600)
	out, stderr, err := run(t, []string{"HOME=" + dir}, nil, "fetchmail", "-f", path, "--configdump")
	if err != nil || withoutRootWarning(stderr) != "" {
		t.Fatalf("fetchmail --configdump: %v\n%s\n%s", err, stderr, rc)
	}
	js, stderr, err := run(t, nil, []byte(out), "python3", "-c", dumpToJSON)
	if err != nil {
		t.Fatalf("reading the dump: %v\n%s", err, stderr)
	}
	var servers []fetchmailServer
	if err := json.Unmarshal([]byte(js), &servers); err != nil {
		t.Fatal(err)
	}
	return servers
}

func TestFetchmailConfigDumpReadsEveryField(t *testing.T) {
	ascii := `p"a\ss w#rd'x$HOME` + "`touch x`;\t\\"
	for _, c := range []struct {
		name                      string
		p                         profile.Profile
		ssl, keep, fetchall, uidl int
		proto, auth               string
	}{
		{"tls-keep", sampleProfile(), 1, 1, 0, 1, "tls1.2+", "any"},
		{"starttls-delete", starttlsProfile(), 0, 0, 1, 0, "tls1.2+", "cram-md5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.p.TLS.CAFile = `/tmp/ca "dir"/ca.pem`
			o := opts()
			o.Secrets, o.Password, o.FetchmailMDA = SecretsInline, profile.NewPassword(ascii), `/bin/sh -c 'cat > "$HOME/m.$$"'`
			servers := fetchmailDump(t, export(t, Fetchmail(), c.p, o))
			if len(servers) != 1 || len(servers[0].Users) != 1 {
				t.Fatalf("got %d servers, want 1 with 1 user: %+v", len(servers), servers)
			}
			s, u := servers[0], servers[0].Users[0]
			checkEq(t, "pollname", s.Pollname, strings.ToLower(c.p.Incoming.Host))
			checkEq(t, "protocol", s.Protocol, "POP3")
			checkEq(t, "service", s.Service, itoa(c.p.Incoming.Port))
			checkEq(t, "auth", s.Auth, c.auth)
			checkEq(t, "timeout", s.Timeout, 60)
			checkEq(t, "uidl", s.UIDL, c.uidl)
			checkEq(t, "remote", u.Remote, c.p.Incoming.Username)
			checkEq(t, "password", deref(u.Password), ascii)
			checkEq(t, "ssl", u.SSL, c.ssl)
			checkEq(t, "sslproto", deref(u.SSLProto), c.proto)
			checkEq(t, "sslcertck", u.SSLCertCk, 1)
			checkEq(t, "sslcertfile", deref(u.SSLCertFile), c.p.TLS.CAFile)
			checkEq(t, "keep", u.Keep, c.keep)
			checkEq(t, "fetchall", u.Fetchall, c.fetchall)
			checkEq(t, "mda", deref(u.MDA), o.FetchmailMDA)
		})
	}
}

func TestFetchmailDefaultsToLocalSMTPAndNoPassword(t *testing.T) {
	servers := fetchmailDump(t, export(t, Fetchmail(), sampleProfile(), opts()))
	u := servers[0].Users[0]
	checkEq(t, "password", u.Password, (*string)(nil))
	checkEq(t, "mda", u.MDA, (*string)(nil))
	checkEq(t, "smtphunt", strings.Join(u.SMTPHunt, ","), "localhost")
}

func TestFetchmailDaemonModeHasNoKeepFetchallConflict(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	for _, p := range []profile.Profile{sampleProfile(), starttlsProfile()} {
		dir := t.TempDir()
		rc := append([]byte("set daemon 600\n"), export(t, Fetchmail(), p, opts())...)
		path := writeFile(t, dir, "rc", rc, 0o600)
		out, stderr, _ := run(t, []string{"HOME=" + dir}, nil, "fetchmail", "-f", path, "-V", "--nodetach", "--pidfile", filepath.Join(dir, "fetchmail.pid"))
		if strings.Contains(out+stderr, "is a mistake") || strings.Contains(out+stderr, "syntax error") {
			t.Errorf("fetchmail -V complains:\n%s%s", out, stderr)
		}
		if !strings.Contains(out, "Options for retrieving from") {
			t.Errorf("fetchmail -V did not describe the entry:\n%s%s", out, stderr)
		}
	}
}

// dovecotProfile points a profile at the harness for user u.
func dovecotProfile(s *mailtest.Server, u mailtest.User, sec profile.Security, port int) profile.Profile {
	p := profile.New(u.Email, "Test User")
	// fetchmail matches the poll name against a DNS name in the certificate, so "localhost".
	p.Incoming = profile.Server{Host: "localhost", Port: port, Security: sec, Username: u.Login}
	p.Outgoing = profile.Server{Host: "localhost", Port: s.Submissions, Security: profile.SecurityTLS, Username: u.Login}
	p.TLS.CAFile = s.CAFile
	return p
}

// fetchmailRun runs fetchmail once on the generated rc, delivering into a temp dir.
func fetchmailRun(t *testing.T, p profile.Profile, password string) (delivered []string) {
	t.Helper()
	dir, rc := fetchmailSetup(t, p, password)
	if out, stderr, err := fetchmailOnce(t, dir, rc); err != nil {
		t.Fatalf("fetchmail: %v\n%s%s", err, out, stderr)
	}
	return deliveredFiles(t, dir)
}

// fetchmailSetup writes the rc into a new HOME whose MDA delivers into HOME/inbox.
func fetchmailSetup(t *testing.T, p profile.Profile, password string) (dir, rc string) {
	t.Helper()
	dir = t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o700); err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.Secrets, o.Password = SecretsInline, profile.NewPassword(password)
	o.FetchmailMDA = "/bin/sh -c 'cat > " + inbox + "/msg.$$'"
	return dir, writeFile(t, dir, "fetchmailrc", export(t, Fetchmail(), p, o), 0o600)
}

func fetchmailOnce(t *testing.T, home, rc string) (string, string, error) {
	t.Helper()
	// --pidfile: a lock of its own; as root fetchmail otherwise locks
	// /var/run/fetchmail.pid, shared with every other test's fetchmail.
	return run(t, []string{"HOME=" + home}, nil, "fetchmail", "-f", rc, "--nodetach", "--nosyslog", "--pidfile", filepath.Join(home, "fetchmail.pid"))
}

func deliveredFiles(t *testing.T, home string) (delivered []string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(home, "inbox"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		delivered = append(delivered, filepath.Join(home, "inbox", e.Name()))
	}
	return delivered
}

// TestFetchmailDoesNotFetchKeptMailAgain: with leave on server the second
// run finds no new mail (exit 1), so nothing is delivered twice (a "fetchall"
// next to "keep" would fetch everything again on every run).
func TestFetchmailDoesNotFetchKeptMailAgain(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	s := mailtest.Shared(t)
	alice := s.User("alice")
	dir, rc := fetchmailSetup(t, dovecotProfile(s, alice, profile.SecurityTLS, s.POP3S), alice.Password)
	if out, stderr, err := fetchmailOnce(t, dir, rc); err != nil {
		t.Fatalf("first fetch: %v\n%s%s", err, out, stderr)
	}
	first := len(deliveredFiles(t, dir))
	out, stderr, err := fetchmailOnce(t, dir, rc)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("second fetch: %v, want exit 1 (no new mail)\n%s%s", err, out, stderr)
	}
	if n := len(deliveredFiles(t, dir)); first == 0 || n != first {
		t.Errorf("delivered %d messages, then %d in all: kept mail was fetched again", first, n)
	}
}

func TestFetchmailFetchesFromDovecotAndLeavesMailOnServer(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	s := mailtest.Shared(t)
	alice := s.User("alice")
	before := countMaildir(t, s.Maildir(alice.Login))
	got := fetchmailRun(t, dovecotProfile(s, alice, profile.SecurityTLS, s.POP3S), alice.Password)
	if len(got) != before || before == 0 {
		t.Fatalf("fetchmail delivered %d messages, the mailbox holds %d", len(got), before)
	}
	if after := countMaildir(t, s.Maildir(alice.Login)); after != before {
		t.Errorf("leave on server: the mailbox went from %d to %d messages", before, after)
	}
	assertSomeFileContains(t, got, "Subject: Welcome")
}

func TestFetchmailSTLSAndDeleteAfterDownload(t *testing.T) {
	mailtest.NeedTool(t, "fetchmail")
	s := mailtest.Start(t)
	bob := s.User("bob") // a password with quotes, spaces and non-ASCII
	s.AddMessage(t, bob.Login, []byte("From: a@example.test\nTo: bob@example.test\nSubject: for bob\n\nhi\n"))
	s.AddMessage(t, bob.Login, []byte("From: a@example.test\nTo: bob@example.test\nSubject: second\n\nhi\n"))
	p := dovecotProfile(s, bob, profile.SecuritySTARTTLS, s.POP3STLS)
	p.POP = profile.POPOptions{LeaveOnServer: false}
	got := fetchmailRun(t, p, bob.Password)
	if len(got) != 2 {
		t.Fatalf("fetchmail delivered %d messages over STLS, want 2", len(got))
	}
	if after := countMaildir(t, s.Maildir(bob.Login)); after != 0 {
		t.Errorf("without leave on server %d messages stayed on the server", after)
	}
}

// countMaildir counts the message files in new/ and cur/.
func countMaildir(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	for _, sub := range []string{"new", "cur"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		n += len(entries)
	}
	return n
}

func assertSomeFileContains(t *testing.T, files []string, want string) {
	t.Helper()
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil && strings.Contains(string(data), want) {
			return
		}
	}
	t.Errorf("no delivered message contains %q", want)
}

func TestFetchmailAPOPAndOAuth(t *testing.T) {
	p := sampleProfile()
	p.Incoming.Auth = profile.AuthAPOP
	servers := fetchmailDump(t, export(t, Fetchmail(), p, opts()))
	checkEq(t, "protocol", servers[0].Protocol, "APOP")
	p.Incoming.Auth = profile.AuthXOAuth2
	if err := Fetchmail().Export(new(strings.Builder), p, opts()); err == nil {
		t.Error("an OAuth2 profile was exported for fetchmail, which cannot use it")
	}
}

func TestPinnedCertificateIsExplainedInEveryHeader(t *testing.T) {
	p := sampleProfile()
	p.TLS.PinnedSHA256 = []string{"AB:CD:EF", "bad\nline"}
	for _, e := range []Exporter{Thunderbird(), ThunderbirdAutoconfig(), Mutt(), Fetchmail()} {
		out := string(export(t, e, p, opts()))
		if !strings.Contains(out, "fingerprint AB:CD:EF.") || strings.Contains(out, "bad") {
			t.Errorf("%s: the header does not name the pinned fingerprint (only the valid one):\n%s", e.Name(), out)
		}
	}
	if !strings.Contains(string(export(t, Fetchmail(), p, opts())), "add sslcertfile") {
		t.Error("the fetchmail header does not say how to make sslcertck accept the certificate")
	}
}
