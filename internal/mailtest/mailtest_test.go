package mailtest_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestMain(m *testing.M) { mailtest.Main(m) }

func TestPOP3SLoginShowsAlicesThreeMessages(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialTLS(t, s, s.POP3S)
	expectPrefix(t, "greeting", c.line(), "+OK Dovecot ready.")
	alice := s.User("alice")
	expectPrefix(t, "USER", c.cmd("USER %s", alice.Login), "+OK")
	expectPrefix(t, "PASS", c.cmd("PASS %s", alice.Password), "+OK Logged in.")
	expectPrefix(t, "STAT", c.cmd("STAT"), "+OK 3 ")
	expectPrefix(t, "QUIT", c.cmd("QUIT"), "+OK")
}

func TestEveryUserLogsInOverPOP3S(t *testing.T) {
	s := mailtest.Shared(t)
	for _, u := range s.Users() {
		t.Run(u.Login, func(t *testing.T) {
			c := dialTLS(t, s, s.POP3S)
			c.line()
			expectPrefix(t, "USER", c.cmd("USER %s", u.Login), "+OK")
			expectPrefix(t, "PASS", c.cmd("PASS %s", u.Password), "+OK Logged in.")
			expectPrefix(t, "QUIT", c.cmd("QUIT"), "+OK")
		})
	}
}

func TestSubmissionsRelaysToSink(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialTLS(t, s, s.Submissions)
	expectPrefix(t, "greeting", c.smtpReply(), "220 ")
	expectPrefix(t, "EHLO", c.smtpCmd("EHLO client.test"), "250 ")
	alice := s.User("alice")
	expectPrefix(t, "AUTH", c.smtpCmd("AUTH PLAIN %s", plainIR(alice.Login, alice.Password)), "235 ")
	expectPrefix(t, "MAIL", c.smtpCmd("MAIL FROM:<%s>", alice.Email), "250 ")
	expectPrefix(t, "RCPT", c.smtpCmd("RCPT TO:<bob@example.test>"), "250 ")
	expectPrefix(t, "DATA", c.smtpCmd("DATA"), "354 ")
	subject := "sink check " + t.Name()
	expectPrefix(t, "end of data", c.smtpCmd("Subject: %s\r\n\r\nhello\r\n.", subject), "250 ")
	expectPrefix(t, "QUIT", c.smtpCmd("QUIT"), "221 ")
	for _, m := range s.Sink.Messages() {
		if strings.Contains(string(m.Data), subject) {
			if m.From != alice.Email || len(m.To) != 1 || m.To[0] != "bob@example.test" {
				t.Fatalf("sink got envelope %q -> %q", m.From, m.To)
			}
			return
		}
	}
	t.Fatalf("message %q not in the sink (%d messages there)", subject, len(s.Sink.Messages()))
}

func plainIR(login, password string) string {
	return base64.StdEncoding.EncodeToString([]byte("\x00" + login + "\x00" + password))
}
