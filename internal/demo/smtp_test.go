package demo_test

import (
	"crypto/tls"
	"errors"
	"net/textproto"
	"strings"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/demo"
)

// smtpCode returns the reply code of an *smtp.SMTPError, or 0.
func smtpCode(err error) (int, string) {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return se.Code, se.Message
	}
	return 0, ""
}

func dialSubmissions(t *testing.T, s *demo.Server) *smtp.Client {
	t.Helper()
	c, err := smtp.DialTLS(addr(s, s.Submissions), clientTLS(s))
	if err != nil {
		t.Fatalf("dial submissions: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestSubmissionsLogin(t *testing.T) {
	s := start(t, demo.Options{})
	c := dialSubmissions(t, s)
	if !c.SupportsAuth("PLAIN") || !c.SupportsAuth("LOGIN") {
		t.Error("submissions does not offer AUTH PLAIN LOGIN")
	}
	if err := c.Auth(sasl.NewPlainClient("", s.Username, s.Password)); err != nil {
		t.Fatalf("AUTH PLAIN: %v", err)
	}
	if err := c.Quit(); err != nil {
		t.Errorf("QUIT: %v", err)
	}
}

func TestSubmissionRefusesAuthBeforeSTARTTLS(t *testing.T) {
	s := start(t, demo.Options{})
	c, err := smtp.Dial(addr(s, s.Submission))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("client.test"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		t.Error("EHLO before TLS lacks STARTTLS")
	}
	if ok, _ := c.Extension("AUTH"); ok {
		t.Error("EHLO before TLS offers AUTH")
	}
	err = c.Auth(sasl.NewPlainClient("", s.Username, s.Password))
	if code, _ := smtpCode(err); code != 523 {
		t.Errorf("AUTH before STARTTLS: %v, want 523", err)
	}
	tc, err := smtp.DialStartTLS(addr(s, s.Submission), clientTLS(s))
	if err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	defer tc.Close()
	if err := tc.Auth(sasl.NewLoginClient(s.Username, s.Password)); err != nil {
		t.Errorf("AUTH LOGIN after STARTTLS: %v", err)
	}
}

func TestSubmissionWrongPassword(t *testing.T) {
	s := start(t, demo.Options{})
	c := dialSubmissions(t, s)
	err := c.Auth(sasl.NewPlainClient("", s.Username, "wrong"))
	if code, msg := smtpCode(err); code != 535 {
		t.Errorf("wrong password: %v, want 535", err)
	} else if !strings.Contains(msg, "Authentication failed") {
		t.Errorf("wrong password message %q", msg)
	}
}

func TestSubmissionNeedsAuthForMail(t *testing.T) {
	s := start(t, demo.Options{})
	c := dialSubmissions(t, s)
	err := c.Mail(s.Email, nil)
	if code, _ := smtpCode(err); code != 530 {
		t.Errorf("MAIL before AUTH: %v, want 530", err)
	}
}

// TestSubmittedMessageArrivesByPOP3 is the --send-test round trip: a message
// sent to the demo address is recorded and shows up in the POP3 mailbox.
func TestSubmittedMessageArrivesByPOP3(t *testing.T) {
	s := start(t, demo.Options{})
	c := dialSubmissions(t, s)
	if err := c.Auth(sasl.NewPlainClient("", s.Username, s.Password)); err != nil {
		t.Fatal(err)
	}
	msg := "From: demo@setupwiz.test\r\nTo: demo@setupwiz.test\r\nSubject: round trip\r\n\r\n.a line with a dot\r\n"
	if err := c.SendMail(s.Email, []string{"DEMO@setupwiz.test", "other@example.test"}, strings.NewReader(msg)); err != nil {
		t.Fatalf("sending: %v", err)
	}
	if got := s.Received(); len(got) != 1 || string(got[0]) != msg {
		t.Fatalf("Received() = %q, want the one message as sent", got)
	}
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	p.login(s.Email, s.Password)
	lines := p.multi("RETR 5")
	if !contains(lines, "Subject: round trip") || !contains(lines, ".a line with a dot") || !strings.HasPrefix(lines[0], "Received: from localhost ([") {
		t.Errorf("RETR 5 = %q, want the submitted message under a Received line", lines)
	}
	if uidl := p.cmd("UIDL 5"); !strings.HasPrefix(uidl, "+OK 5 ") {
		t.Errorf("UIDL 5 = %q", uidl)
	}
}

func TestMessageToOthersIsNotFiled(t *testing.T) {
	s := start(t, demo.Options{})
	c := dialSubmissions(t, s)
	if err := c.Auth(sasl.NewPlainClient("", s.Username, s.Password)); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMail(s.Email, []string{"friend@example.test"}, strings.NewReader("Subject: hi\r\n\r\nhi\r\n")); err != nil {
		t.Fatal(err)
	}
	p := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	p.login(s.Email, s.Password)
	if got := p.cmd("STAT"); !strings.HasPrefix(got, "+OK 4 ") || len(s.Received()) != 1 {
		t.Errorf("STAT = %q with %d recorded, want 4 messages and 1 recorded", got, len(s.Received()))
	}
}

func TestSubmissionLineLengthIsBounded(t *testing.T) {
	s := start(t, demo.Options{MaxLineLength: 100})
	c, err := tls.Dial("tcp", addr(s, s.Submissions), clientTLS(s))
	if err != nil {
		t.Fatal(err)
	}
	tp := textproto.NewConn(c)
	defer tp.Close()
	if _, _, err := tp.ReadResponse(220); err != nil {
		t.Fatal(err)
	}
	tp.PrintfLine("EHLO %s", strings.Repeat("x", 200))
	code, msg, _ := tp.ReadResponse(0)
	if code != 500 || !strings.Contains(msg, "Too long line") {
		t.Errorf("over-long line: %d %q, want 500 Too long line", code, msg)
	}
	if _, err := tp.ReadLine(); err == nil {
		t.Error("connection still open after an over-long line")
	}
}
