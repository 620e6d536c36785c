package mailtest_test

import (
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

func TestSubmissionSTARTTLSRefusesAuthPlainUntilSTARTTLS(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialPlain(t, s, s.SubmissionSTARTTLS)
	expectPrefix(t, "greeting", c.smtpReply(), "220 ")
	expectPrefix(t, "EHLO", c.smtpCmd("EHLO client.test"), "250 ")
	alice := s.User("alice")
	expectPrefix(t, "AUTH before STARTTLS", c.smtpCmd("AUTH PLAIN %s", plainIR(alice.Login, alice.Password)), "523 ")
	expectPrefix(t, "STARTTLS", c.smtpCmd("STARTTLS"), "220 ")
	c.startTLS(s)
	expectPrefix(t, "EHLO after STARTTLS", c.smtpCmd("EHLO client.test"), "250 ")
	expectPrefix(t, "AUTH after STARTTLS", c.smtpCmd("AUTH PLAIN %s", plainIR(alice.Login, alice.Password)), "235 ")
}

func TestSubmissionLenientAcceptsAuthPlain(t *testing.T) {
	s := mailtest.Shared(t)
	c := dialPlain(t, s, s.SubmissionLenient)
	c.smtpReply()
	expectPrefix(t, "EHLO", c.smtpCmd("EHLO client.test"), "250 ")
	bob := s.User("bob")
	expectPrefix(t, "AUTH without TLS", c.smtpCmd("AUTH PLAIN %s", plainIR(bob.Login, bob.Password)), "235 ")
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
	m, ok := findInSink(s, subject)
	if !ok {
		t.Fatalf("message %q not in the sink (%d messages there)", subject, len(s.Sink.Messages()))
	}
	if m.From != alice.Email || len(m.To) != 1 || m.To[0] != "bob@example.test" {
		t.Fatalf("sink got envelope %q -> %q, want %q -> [bob@example.test]", m.From, m.To, alice.Email)
	}
}

func findInSink(s *mailtest.Server, subject string) (mailtest.SinkMessage, bool) {
	for _, m := range s.Sink.Messages() {
		if strings.Contains(string(m.Data), "Subject: "+subject+"\r\n") {
			return m, true
		}
	}
	return mailtest.SinkMessage{}, false
}
