package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// muttOAuth is a real mutt or neomutt, configured by the mutt exporter for
// an OAuth2 profile, talking to the OAuth Dovecot with tokens from the real
// `setupwiz token`.
type muttOAuth struct {
	o    *oauthAccount
	home string
	rc   string
	env  []string
}

func newMuttOAuth(t *testing.T, o *oauthAccount) *muttOAuth {
	t.Helper()
	home := o.e.getenv("HOME")
	if err := os.MkdirAll(filepath.Join(home, "Mail"), 0o700); err != nil {
		t.Fatal(err)
	}
	var rc bytes.Buffer
	if err := exporters.Mutt().Export(&rc, o.p, exporters.Options{Self: setupwizBinary(t)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(home, "muttrc")
	if err := os.WriteFile(path, rc.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + home, "TERM=xterm", "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH"),
		"PASSWORD_STORE_DIR=" + o.e.getenv("PASSWORD_STORE_DIR")}
	return &muttOAuth{o: o, home: home, rc: path, env: env}
}

// fetch runs <fetch-mail> under a pty and reports whether messages arrived
// in a fresh local spool, with the screen for messages.
func (m *muttOAuth) fetch(t *testing.T, client string) (bool, string) {
	t.Helper()
	return muttFetch(t, client, m.home, m.rc, m.env)
}

// muttFetch runs client's <fetch-mail> with rc under a pty, in home.
func muttFetch(t *testing.T, client, home, rc string, env []string) (bool, string) {
	t.Helper()
	spool := filepath.Join(mkdir(t, filepath.Join(home, "Mail")), "spool-"+client)
	if err := os.WriteFile(spool, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("timeout", "-k", "5", "60", "script", "-qec",
		client+" -n -F "+rc+" -e 'set spoolfile="+spool+"' -e 'push <fetch-mail><quit>'", "/dev/null")
	cmd.Env = env
	screen, _ := cmd.CombinedOutput()
	data, _ := os.ReadFile(spool)
	return strings.Contains(string(data), "Subject:"), string(screen)
}

// send mails through smtp_url with the token command and reports the sink's view.
func (m *muttOAuth) send(t *testing.T, s *mailtest.Server, client, subject string) bool {
	t.Helper()
	cmd := exec.Command("timeout", "-k", "5", "60", client, "-n", "-F", m.rc, "-s", subject, "--", "bob@example.test")
	cmd.Env, cmd.Stdin = m.env, strings.NewReader("sent with an OAuth2 token\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Logf("%s send: %v\n%s", client, err, out)
	}
	for _, msg := range s.Sink.Messages() {
		if strings.Contains(string(msg.Data), "Subject: "+subject) {
			return true
		}
	}
	return false
}

// TestMuttStaysSignedInWithSetupwizToken is the whole promise for mail
// programs: mutt and neomutt log in to POP3 and submission with the token
// `setupwiz token` prints, no password anywhere; an hour later the token is
// renewed without anyone noticing; after the provider revokes the sign-in
// the login fails and `setupwiz token` says to sign in again.
func TestMuttStaysSignedInWithSetupwizToken(t *testing.T) {
	mailtest.NeedTool(t, "dovecot", "mutt", "neomutt", "script", "timeout")
	a := mailtest.StartAuthServer(t)
	s := mailtest.StartOAuth(t, a)
	o := newOAuthAccount(t, a, s)
	m := newMuttOAuth(t, o)
	for _, client := range []string{"mutt", "neomutt"} {
		if ok, screen := m.fetch(t, client); !ok {
			t.Fatalf("%s fetched nothing with the OAuth2 token:\n%s", client, screen)
		}
		if !m.send(t, s, client, "oauth2 "+client) {
			t.Errorf("%s: the sink got nothing sent with the OAuth2 token", client)
		}
	}
	if st := a.Stats(); st.Refreshes != 1 || st.ActiveIntrospections < 4 {
		t.Errorf("stats %+v: want one renewal (the first token call) and Dovecot checking every login", st)
	}

	o.ageAnHour(t)
	if ok, screen := m.fetch(t, "mutt"); !ok {
		t.Fatalf("an hour later mutt fetched nothing:\n%s", screen)
	}
	if st := a.Stats(); st.Refreshes != 2 || st.Rotations != 2 {
		t.Errorf("an hour later: %d renewals, %d rotations; want the token renewed once more", st.Refreshes, st.Rotations)
	}

	a.RevokeUser("alice@example.test")
	o.ageAnHour(t)
	if ok, _ := m.fetch(t, "mutt"); ok {
		t.Fatal("mutt fetched mail after the sign-in was revoked")
	}
	if code, _ := o.token(t); code != 1 || !strings.Contains(o.err.String(), "sign in again") {
		t.Errorf("setupwiz token after revocation: exit %d, %q", code, o.err)
	}
	assertNoPasswordIn(t, m.home)
}

// assertNoPasswordIn: nothing under dir holds alice's password or a token.
func assertNoPasswordIn(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		for _, secret := range []string{"alice-pass", "rt-", "at-"} {
			if bytes.Contains(data, []byte(secret)) && !strings.HasPrefix(d.Name(), "spool") {
				t.Errorf("%s contains %q", path, secret)
			}
		}
		return nil
	})
}
