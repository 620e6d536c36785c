package importers_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/importers"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func importFile(t *testing.T, format, path string) []profile.Profile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps, err := importers.Import(format, f)
	if err != nil {
		t.Fatalf("Import(%s, %s): %v", format, path, err)
	}
	return ps
}

func srv(host string, port int, sec profile.Security, user string, auth profile.AuthMethod) profile.Server {
	return profile.Server{Host: host, Port: port, Security: sec, Username: user, Auth: auth}
}

func base(email, name string) profile.Profile {
	p := profile.New(email, name)
	return p
}

func TestFetchmailFixture(t *testing.T) {
	got := importFile(t, importers.FormatFetchmail, "testdata/fetchmailrc")
	jane := base("jane@example.test", "")
	jane.Incoming = srv("pop.example.test", 995, profile.SecurityTLS, "jane@example.test", profile.AuthAuto)
	jane.Outgoing = srv("pop.example.test", 465, profile.SecurityTLS, "jane@example.test", profile.AuthAuto)
	jane.TLS.CAFile = "/etc/ssl/harness ca.pem"
	erin := base("erin@other.test", "")
	erin.Incoming = srv("mail.other.test", 110, profile.SecuritySTARTTLS, "erin", profile.AuthAuto)
	erin.Outgoing = srv("mail.other.test", 465, profile.SecurityTLS, "erin@other.test", profile.AuthAuto)
	erin.POP.LeaveOnServer = false
	bob := base("bob@other.test", "")
	bob.Incoming = srv("mail.other.test", 110, profile.SecurityNone, "bob@other.test", profile.AuthAuto)
	bob.Outgoing = srv("mail.other.test", 465, profile.SecurityTLS, "bob@other.test", profile.AuthAuto)
	bob.POP.LeaveOnServer = false
	assertProfiles(t, got, []profile.Profile{jane, erin, bob})
}

func TestMuttFixture(t *testing.T) {
	got := importFile(t, importers.FormatMutt, "testdata/muttrc")
	want := base("jane@example.test", `Jane "J" O'Doe`)
	want.Incoming = srv("pop.example.test", 995, profile.SecurityTLS, "jane@example.test", profile.AuthAuto)
	want.Outgoing = srv("smtp.example.test", 587, profile.SecuritySTARTTLS, "jane@example.test", profile.AuthAuto)
	want.POP.CheckIntervalMinutes = 7
	want.TLS.CAFile = "/etc/ca.pem"
	assertProfiles(t, got, []profile.Profile{want})
}

func TestThunderbirdFixture(t *testing.T) {
	got := importFile(t, importers.FormatThunderbird, "testdata/prefs.js")
	want := base("jane@example.test", "Jane \"J\" O'Doe \\ ünï 😀")
	want.Name = "jane-home"
	want.Incoming = srv("pop2.example.test", 995, profile.SecurityTLS, "jane@example.test", profile.AuthAuto)
	want.Outgoing = srv("smtp.example.test", 587, profile.SecuritySTARTTLS, "jane", profile.AuthCRAMMD5)
	want.POP = profile.POPOptions{LeaveOnServer: true, KeepDays: 14, DeleteWhenDeleted: true, CheckIntervalMinutes: 5}
	assertProfiles(t, got, []profile.Profile{want})
}

func mobileWant() profile.Profile {
	want := base("jane@example.test", "Jane & <Co>")
	want.Incoming = srv("pop.example.test", 995, profile.SecurityTLS, "jane@example.test", profile.AuthAuto)
	want.Outgoing = srv("smtp.example.test", 587, profile.SecuritySTARTTLS, "jane", profile.AuthCRAMMD5)
	return want
}

func TestMobileConfigFixture(t *testing.T) {
	assertProfiles(t, importFile(t, importers.FormatMobileConfig, "testdata/pop.mobileconfig"), []profile.Profile{mobileWant()})
}

// TestSignedMobileConfig reads a profile signed by `openssl cms -sign -nodetach -binary -outform DER`.
func TestSignedMobileConfig(t *testing.T) {
	assertProfiles(t, importFile(t, importers.FormatMobileConfig, "testdata/pop.signed.mobileconfig"), []profile.Profile{mobileWant()})
}

func assertProfiles(t *testing.T, got, want []profile.Profile) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d profiles, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("profile %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
		if err := got[i].Validate(); err != nil {
			t.Errorf("profile %d does not validate: %v", i, err)
		}
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct{ format, input, errHas string }{
		{"outlook", "", "unknown import format"},
		{importers.FormatFetchmail, "set daemon 60\n", "no POP3 account"},
		{importers.FormatFetchmail, "poll imap.x.test proto IMAP user a there\n", "no POP3 account"},
		{importers.FormatMutt, "set folder=~/Mail\n", "no POP3 account"},
		{importers.FormatMobileConfig, "PK\x03\x04zip", "neither an XML property list"},
		{importers.FormatMobileConfig, "\x30\x82\x01\x00nothing", "not a signed configuration profile"},
		{importers.FormatMobileConfig, "<plist><dict><key>a</key></dict></plist>", "has no value"},
		{importers.FormatMobileConfig, "<plist><dict><key>a</key><integer>x</integer></dict></plist>", "not a number"},
		{importers.FormatMobileConfig, "<plist><dict><key>a</key>" + strings.Repeat("<array>", 100), "nested too deeply"},
		{importers.FormatFetchmail, "poll pop.x.test proto POP3 user \"nobody\" there\n", ""},
	}
	for _, tc := range tests {
		_, err := importers.Import(tc.format, strings.NewReader(tc.input))
		if tc.errHas == "" {
			if err != nil {
				t.Errorf("Import(%s, %q) = %v, want success", tc.format, tc.input, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.errHas) {
			t.Errorf("Import(%s, %q) = %v, want an error containing %q", tc.format, tc.input, err, tc.errHas)
		}
	}
}

func TestImportInputIsBounded(t *testing.T) {
	huge := bytes.Repeat([]byte("# x\n"), importers.MaxInput/4+1)
	_, err := importers.Import(importers.FormatFetchmail, bytes.NewReader(huge))
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Import of %d bytes = %v, want a size error", len(huge), err)
	}
}

// TestMuttCommandsNeverRun: backtick commands are skipped, never executed.
func TestMuttCommandsNeverRun(t *testing.T) {
	canary := filepath.Join(t.TempDir(), "canary")
	rc := "set spoolfile=\"pops://`touch " + canary + "`@pop.x.test/\"\nset pop_host='pops://pop.example.test'\nset pop_user=jane@example.test\nset from=\"$(touch " + canary + ")\"\n"
	ps, err := importers.Import(importers.FormatMutt, strings.NewReader(rc))
	if _, serr := os.Stat(canary); serr == nil {
		t.Fatal("importing a muttrc ran a command")
	}
	if err != nil || len(ps) != 1 || ps[0].Incoming.Host != "pop.example.test" {
		t.Errorf("Import = %+v, %v; want the static pop_host", ps, err)
	}
}

func TestFetchmailEscapes(t *testing.T) {
	rc := `poll pop.x.test proto POP3 user "a\\b\x41\101\0101\tz" there` + "\n"
	ps, err := importers.Import(importers.FormatFetchmail, strings.NewReader(rc))
	if err == nil {
		t.Fatalf("a tab in the user name validated: %+v", ps)
	}
	rc = `poll pop.x.test proto POP3 user "a\\b\x41\101\0101z@x.test" there` + "\n"
	ps, err = importers.Import(importers.FormatFetchmail, strings.NewReader(rc))
	if err != nil || ps[0].Incoming.Username != `a\bAeAz@x.test` {
		t.Errorf("user = %q, %v; want a\\bAeAz@x.test (\\101 is decimal e, \\0101 octal A)", ps[0].Incoming.Username, err)
	}
}

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	if got := importers.DefaultPath(importers.FormatFetchmail, home); got != filepath.Join(home, ".fetchmailrc") {
		t.Errorf("fetchmail default = %s", got)
	}
	if got := importers.DefaultPath(importers.FormatMutt, home); got != filepath.Join(home, ".muttrc") {
		t.Errorf("mutt default without files = %s", got)
	}
	writeFile(t, filepath.Join(home, ".config/mutt/muttrc"), "")
	if got := importers.DefaultPath(importers.FormatMutt, home); got != filepath.Join(home, ".config/mutt/muttrc") {
		t.Errorf("mutt default = %s", got)
	}
	if got := importers.DefaultPath(importers.FormatThunderbird, home); got != "" {
		t.Errorf("thunderbird default without profiles.ini = %q", got)
	}
	writeFile(t, filepath.Join(home, ".thunderbird/profiles.ini"),
		"[Profile1]\nName=old\nIsRelative=1\nPath=abc.old\n\n[Profile0]\nName=default\nIsRelative=1\nPath=xyz.default\nDefault=1\n")
	if got := importers.DefaultPath(importers.FormatThunderbird, home); got != filepath.Join(home, ".thunderbird/xyz.default/prefs.js") {
		t.Errorf("thunderbird default (Default=1) = %s", got)
	}
	writeFile(t, filepath.Join(home, ".thunderbird/profiles.ini"),
		"[Install4F96D1932A9F858E]\nDefault=abc.old\nLocked=1\n\n[Profile0]\nName=default\nIsRelative=1\nPath=xyz.default\nDefault=1\n")
	if got := importers.DefaultPath(importers.FormatThunderbird, home); got != filepath.Join(home, ".thunderbird/abc.old/prefs.js") {
		t.Errorf("thunderbird default (Install) = %s", got)
	}
	if got := importers.DefaultPath(importers.FormatMobileConfig, home); got != "" {
		t.Errorf("mobileconfig default = %q, want none", got)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A guessed address keeps the login's case (local parts are case-sensitive,
// RFC 5321 §2.4) and lower-cases only the domain taken from the host name.
func TestGuessedEmailKeepsTheLocalPartsCase(t *testing.T) {
	rc := "poll POP.Other.TEST protocol pop3 user 'Erin.Smith' ssl\n"
	ps, err := importers.Import(importers.FormatFetchmail, strings.NewReader(rc))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Email != "Erin.Smith@other.test" {
		t.Fatalf("imported %+v, want one profile for Erin.Smith@other.test", ps)
	}
}
