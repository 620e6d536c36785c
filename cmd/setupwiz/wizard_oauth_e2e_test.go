package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// oauthWizard is a Microsoft-style account on the test servers: an ISPDB
// that says OAuth2 for POP3 and SMTP on the OAuth Dovecot, an oauth.toml
// describing the test authorization server (its mail hosts and client ID,
// no address domain: only discovery says this address signs in with
// OAuth2, as for a custom domain hosted by Microsoft 365), a $BROWSER that
// plays the person signing in, and pass for the sign-in.
type oauthWizard struct {
	a            *mailtest.AuthServer
	s            *mailtest.Server
	dir, out     string
	ispdb, ca    string
	passStore    string
	browserCalls string
}

const oauthISPDBDoc = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain><displayName>Example 365</displayName>
<incomingServer type="pop3"><hostname>127.0.0.1</hostname><port>%d</port><socketType>SSL</socketType><username>%%EMAILADDRESS%%</username><authentication>OAuth2</authentication></incomingServer>
<outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>%d</port><socketType>SSL</socketType><username>%%EMAILADDRESS%%</username><authentication>OAuth2</authentication></outgoingServer>
</emailProvider></clientConfig>`

func newOAuthWizard(t *testing.T) *oauthWizard {
	t.Helper()
	mailtest.NeedTool(t, "dovecot", "curl")
	w := &oauthWizard{a: mailtest.StartAuthServer(t), dir: t.TempDir()}
	w.s = mailtest.StartOAuth(t, w.a)
	w.out = filepath.Join(w.dir, "out")
	ispdb, ispdbCA := discoverISPDB(t, "example.test", fmt.Sprintf(oauthISPDBDoc, w.s.POP3S, w.s.Submissions))
	w.ispdb, w.ca = ispdb, filepath.Join(w.dir, "ca.pem")
	w.writeFile(t, w.ca, string(w.read(t, ispdbCA))+string(w.read(t, w.s.CAFile)), 0o600)
	p := w.a.Provider()
	w.writeFile(t, filepath.Join(w.dir, "config", "setupwiz", "oauth.toml"), fmt.Sprintf(`[test]
name = "Test Identity"
hosts = ["127.0.0.1"]
auth_url = %q
token_url = %q
device_url = %q
scopes = ["mail.pop", "mail.smtp", "offline_access"]
device_flow = true
client_id = %q
`, p.AuthURL, p.TokenURL, p.DeviceURL, mailtest.AuthClientID), 0o600)
	w.passStore = filepath.Join(w.dir, "pass")
	entryPassOnPath(t, mkdir(t, w.passStore))
	w.browserCalls = filepath.Join(w.dir, "browser-calls")
	w.writeFile(t, filepath.Join(w.dir, "bin", "browser"), "#!/bin/sh\necho \"$1\" >> "+w.browserCalls+
		"\nexec curl -fsSL --max-time 20 \"$1\" >/dev/null\n", 0o700)
	return w
}

func (w *oauthWizard) args(extra ...string) []string {
	return append([]string{"--email", "alice@example.test", "--ca-file", w.ca, "--out", w.out,
		"--dns-server", "127.0.0.1:9", "--ispdb-url", w.ispdb}, extra...)
}

func (w *oauthWizard) env() []string {
	return []string{"HOME=" + filepath.Join(w.dir, "home"), "XDG_CONFIG_HOME=" + filepath.Join(w.dir, "config"),
		"TERM=xterm-256color", "LANG=C.UTF-8", "BROWSER=" + filepath.Join(w.dir, "bin", "browser"),
		"PASSWORD_STORE_DIR=" + w.passStore, "PATH=" + os.Getenv("PATH"), "DISPLAY="}
}

func (w *oauthWizard) read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (w *oauthWizard) writeFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestWizardLineModeSignsInWithOAuth2: from the first question to a mutt
// that logs in, with no password anywhere: line mode finds OAuth2 servers
// (only discovery knows), asks no password, signs in through the (scripted) browser, logs in to both servers with the
// token, keeps the sign-in in pass and writes a muttrc that asks setupwiz
// token; the real mutt then fetches and the profile names no secret.
func TestWizardLineModeSignsInWithOAuth2(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "script", "timeout")
	w := newOAuthWizard(t)
	cmd := exec.Command(setupwizBinary(t), w.args("--lines")...)
	cmd.Env = w.env()
	cmd.Stdin = strings.NewReader(strings.Repeat("\n", 12)) // every default
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("setupwiz: %v\n%s", err, stderr.String())
	}
	text := stderr.String()
	for _, want := range []string{"Step 2 of 7: Finding your servers.",
		"These servers sign in with Test Identity (OAuth2), not with a password: one step less, you sign in at the next step.",
		"Step 3 of 6: Logging in.", "A browser opened the Test Identity sign-in page", "Signed in with Test Identity.", "Both servers accepted the login.",
		"Kept the sign-in in pass", "Not offered: fetchmail: fetchmail 6.4 cannot sign in with OAuth2", "Wrote mutt settings"} {
		if !strings.Contains(text, want) {
			t.Errorf("line mode output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Password") || strings.Contains(text, "Username for both servers") {
		t.Errorf("line mode asked for a password:\n%s", text)
	}
	w.checkSignedIn(t)
	w.anHourLater(t)
	w.repairAfterRevocation(t)
}

// anHourLater: the wizard's access token is an hour old (on the provider's
// clock and in the stored sign-in); mutt's next login still works, because
// setupwiz token renews it on the way.
func (w *oauthWizard) anHourLater(t *testing.T) {
	t.Helper()
	v := oauth.StoreVault(secrets.New(secrets.Config{PassDir: w.passStore}), oauth.TokenRef(profile.SecretPass, "alice@example.test"), "alice@example.test")
	g, err := v.Load()
	if err != nil {
		t.Fatal(err)
	}
	g.Expiry = time.Now().Add(-time.Minute)
	if err := v.Save(g); err != nil {
		t.Fatal(err)
	}
	w.a.Advance(time.Hour + time.Minute)
	before := w.a.Stats().Refreshes
	if ok, screen := muttFetch(t, "mutt", filepath.Join(w.dir, "home"), filepath.Join(w.out, "muttrc"), w.env()); !ok {
		t.Fatalf("an hour later mutt fetched nothing:\n%s", screen)
	}
	if w.a.Stats().Refreshes <= before {
		t.Error("the hour-old access token was not renewed")
	}
}

// repairAfterRevocation: once the provider revokes the sign-in, repair's
// diagnosis is "sign in again" (not "password changed") for both servers;
// repair --apply signs in again and mutt logs in once more.
func (w *oauthWizard) repairAfterRevocation(t *testing.T) {
	t.Helper()
	w.a.RevokeUser("alice@example.test")
	diag := exec.Command(setupwizBinary(t), "repair", "--json", "alice@example.test")
	diag.Env = w.env()
	out, err := diag.Output()
	var doc struct {
		Diagnosis struct {
			Findings []struct{ Service, Cause string }
		}
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || json.Unmarshal(out, &doc) != nil {
		t.Fatalf("repair --json after revocation: %v\n%s", err, out)
	}
	if len(doc.Diagnosis.Findings) != 2 || doc.Diagnosis.Findings[0].Cause != "sign_in_again" || doc.Diagnosis.Findings[1].Cause != "sign_in_again" {
		t.Fatalf("findings %+v, want sign_in_again for POP3 and SMTP", doc.Diagnosis.Findings)
	}
	fix := exec.Command(setupwizBinary(t), "repair", "--apply", "alice@example.test")
	fix.Env = w.env()
	text, err := fix.CombinedOutput()
	if err != nil || !bytes.Contains(text, []byte("Signed in again with Test Identity")) || bytes.Contains(text, []byte("password changed")) {
		t.Fatalf("repair --apply: %v\n%s", err, text)
	}
	home := filepath.Join(w.dir, "home")
	if ok, screen := muttFetch(t, "mutt", home, filepath.Join(w.out, "muttrc"), w.env()); !ok {
		t.Fatalf("after repair mutt fetched nothing:\n%s", screen)
	}
}

// checkSignedIn: the wizard's files log the real mutt in, and nothing but
// the secret store holds a token.
func (w *oauthWizard) checkSignedIn(t *testing.T) {
	t.Helper()
	if calls := strings.Count(string(w.read(t, w.browserCalls)), "\n"); calls != 1 {
		t.Errorf("the browser was opened %d times, want once", calls)
	}
	rc := filepath.Join(w.out, "muttrc")
	if !strings.Contains(string(w.read(t, rc)), "pop_oauth_refresh_command=") {
		t.Fatalf("the muttrc does not ask setupwiz token:\n%s", w.read(t, rc))
	}
	home := filepath.Join(w.dir, "home")
	if ok, screen := muttFetch(t, "mutt", home, rc, w.env()); !ok {
		t.Fatalf("mutt with the wizard's muttrc fetched nothing:\n%s", screen)
	}
	if st := w.a.Stats(); st.CodesIssued != 1 || st.ActiveIntrospections < 3 {
		t.Errorf("auth server %+v: want one browser sign-in and Dovecot checking the wizard's and mutt's logins", st)
	}
	for _, dir := range []string{w.out, filepath.Join(w.dir, "config"), home} {
		assertNoPasswordIn(t, dir)
	}
}

// TestWizardTUISignsInWithOAuth2 walks the full-screen wizard at 80x24 and
// 60x20 from the first screen to a mutt login: OAuth2 servers only
// discovery knew of, no password screen (the steps counted without it, the
// servers screen says why; at 60x20 with --password-file given anyway, it
// says once that the password is not used), the sign-in shown while the
// (scripted) browser signs in, the check with the token, the sign-in kept,
// the files written.
func TestWizardTUISignsInWithOAuth2(t *testing.T) {
	mailtest.NeedTool(t, "tmux", "mutt", "script", "timeout")
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := newOAuthWizard(t)
			args := w.args()
			if size[0] == 60 {
				pw := filepath.Join(w.dir, "pw")
				w.writeFile(t, pw, "a password for nothing\n", 0o600)
				args = append(args, "--password-file", pw)
			}
			p := startTmux(t, size[0], size[1], w.env(), append([]string{setupwizBinary(t)}, args...)...)
			name := fmt.Sprintf("oauth-%dx%d", size[0], size[1])
			step := func(label, want string, keys ...string) string {
				s := p.waitFor(want)
				saveCapture(t, name+"-"+label, s)
				if len(keys) > 0 {
					p.keys(keys...)
				}
				return s
			}
			step("1-account", "step 1 of 7", "Enter", "Enter")
			found := step("2-discovery", "(OAuth2)", "Enter")
			unused := strings.Count(found, "The password you gave is not used.")
			if !strings.Contains(found, "step 2 of 6") || !strings.Contains(oneLine(found), "sign in with Test Identity (OAuth2), not with a password") ||
				unused != map[int]int{80: 0, 60: 1}[size[0]] {
				t.Errorf("the servers screen does not say why no password is asked:\n%s", found)
			}
			verified := step("3-verify", "Both servers accepted the login", "Enter")
			if !strings.Contains(verified, "step 3 of 6 · Logging in") || !strings.Contains(oneLine(verified), "Kept the sign-in in pass") {
				t.Errorf("the verify screen does not say where the sign-in is kept:\n%s", verified)
			}
			step("4-pop", "step 4 of 6", "Enter")
			step("5-export", "muttrc", "Enter")
			step("6-done", "is set up", "Enter")
			p.waitFor("EXIT=0")
			for _, s := range p.seen {
				if strings.Contains(s, "· Password") || strings.Contains(s, "a password for nothing") {
					t.Fatalf("a password screen, or the password, was shown:\n%s", s)
				}
			}
			w.checkSignedIn(t)
		})
	}
}

// TestWizardTUIDeviceCodeSignIn: without a browser here the TUI shows the
// address and the code whole on an 80x24 and a 60x20 screen and waits with
// a spinner; esc stops the sign-in (back to the servers), and a second try
// finishes when the code is typed on "another device".
func TestWizardTUIDeviceCodeSignIn(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	codeRE := regexp.MustCompile(`code\s+([B-Z]{4}-[B-Z]{4})`)
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := newOAuthWizard(t)
			env := slices.DeleteFunc(w.env(), func(v string) bool { return strings.HasPrefix(v, "BROWSER=") })
			p := startTmux(t, size[0], size[1], env, append([]string{setupwizBinary(t)}, w.args()...)...)
			p.waitFor("step 1 of 7")
			p.keys("Enter", "Enter")
			p.waitFor("OAuth2")
			p.keys("Enter")
			first := p.waitFor("Esc stops")
			saveCapture(t, fmt.Sprintf("oauth-device-%dx%d", size[0], size[1]), first)
			if !strings.Contains(first, w.a.URL+"/activate") || !codeRE.MatchString(first) {
				t.Fatalf("the sign-in screen lacks the address or the code:\n%s", first)
			}
			p.keys("Escape")
			p.waitFor("step 2 of 6 · Finding your servers")
			p.keys("Enter")
			second := p.waitFor("Esc stops")
			code := codeRE.FindStringSubmatch(second)
			if code == nil || code[1] == codeRE.FindStringSubmatch(first)[1] {
				t.Fatalf("the second sign-in shows no new code:\n%s", second)
			}
			if err := w.a.ApproveDevice(code[1]); err != nil {
				t.Fatal(err)
			}
			p.waitFor("Both servers accepted the login")
		})
	}
}
