package exporters

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// muttHome makes a HOME with ~/Mail (mutt stops at a "create?" prompt without it) and the rc.
func muttHome(t *testing.T, rc []byte) (home, rcPath string) {
	t.Helper()
	home = t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "Mail"), 0o700); err != nil {
		t.Fatal(err)
	}
	return home, writeFile(t, home, "muttrc", rc, 0o600)
}

func TestMuttPOPLoginAndSendThroughDovecot(t *testing.T) {
	mailtest.NeedTool(t, "mutt", "neomutt", "script", "timeout")
	s := mailtest.Start(t) // bob gets a message of his own
	bob := s.User("bob")   // a password with quotes, spaces and non-ASCII
	s.AddMessage(t, bob.Login, []byte("From: a@example.test\nTo: bob@example.test\nSubject: for bob\n\nhi\n"))
	for _, client := range []string{"mutt", "neomutt"} {
		for _, sec := range []profile.Security{profile.SecurityTLS, profile.SecuritySTARTTLS} {
			t.Run(client+"/"+sec.String(), func(t *testing.T) {
				p := dovecotProfile(s, bob, sec, s.POP3S)
				if sec == profile.SecuritySTARTTLS { // the strict ports: no login before STLS/STARTTLS
					p.Incoming.Port = s.POP3STLS
					p.Outgoing.Security, p.Outgoing.Port = sec, s.SubmissionSTARTTLS
				}
				o := opts()
				o.Secrets, o.Password = SecretsInline, profile.NewPassword(bob.Password)
				home, rc := muttHome(t, export(t, Mutt(), p, o))
				fetchWithMutt(t, client, home, rc)
				sendWithMutt(t, s, client+" "+sec.String(), client, home, rc, bob.Email)
				if n := countMaildir(t, s.Maildir(bob.Login)); n != 1 {
					t.Errorf("pop_delete=no: bob's mailbox holds %d messages after the fetch, want 1", n)
				}
			})
		}
	}
}

// fetchWithMutt runs <fetch-mail> under a pty: a real POP3 login through
// pop_host, pop_user and pop_pass; the messages land in a local spool file.
func fetchWithMutt(t *testing.T, client, home, rc string) {
	t.Helper()
	spool := writeFile(t, filepath.Join(home, "Mail"), "spool", nil, 0o600) // neomutt appends only to an existing mbox
	cmd := client + " -n -F " + rc + " -e 'set spoolfile=" + spool + "' -e 'push <fetch-mail><quit>'"
	// timeout only stops a mutt stuck at a prompt (it would otherwise hang the test binary).
	out, stderr, err := run(t, []string{"HOME=" + home, "TERM=xterm"}, nil, "timeout", "-k", "5", "60", "script", "-qec", cmd, "/dev/null")
	if err != nil {
		t.Fatalf("%s: %v\n%s%s", client, err, out, stderr)
	}
	data, err := os.ReadFile(spool)
	if err != nil || !strings.Contains(string(data), "Subject:") {
		t.Fatalf("%s fetched nothing into %s (%v); screen:\n%s", client, spool, err, out)
	}
}

func sendWithMutt(t *testing.T, s *mailtest.Server, label, client, home, rc, to string) {
	t.Helper()
	subject := "setupwiz " + label + " send test"
	out, stderr, err := run(t, []string{"HOME=" + home}, []byte("hello from "+client+"\n"), "timeout", "-k", "5", "60", client, "-n", "-F", rc, "-s", subject, "--", to)
	if err != nil {
		t.Fatalf("%s send: %v\n%s%s", client, err, out, stderr)
	}
	for _, m := range s.Sink.Messages() {
		if strings.Contains(string(m.Data), "Subject: "+subject) {
			return
		}
	}
	t.Errorf("%s: the sink got no message with subject %q", client, subject)
}
