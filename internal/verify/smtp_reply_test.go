package verify

import (
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext/termtexttest"
)

func TestSMTPReplyKinds(t *testing.T) {
	cases := []struct {
		code int
		enh  smtp.EnhancedCode
		msg  string
		step StepName
		want Kind
	}{
		{535, smtp.EnhancedCode{5, 7, 8}, "Authentication failed.", StepAuth, KindAuthFailed},
		{534, smtp.EnhancedCode{5, 7, 9}, "Application-specific password required.", StepAuth, KindAppPassword},
		{534, smtp.EnhancedCode{5, 7, 9}, "Authentication mechanism is too weak", StepAuth, KindAuthUnsupported},
		{534, smtp.EnhancedCode{5, 7, 14}, "Please log in via your web browser", StepAuth, KindAppPassword},
		{535, smtp.EnhancedCode{5, 7, 139}, "Authentication unsuccessful, basic authentication is disabled.", StepAuth, KindAppPassword},
		{535, smtp.EnhancedCode{5, 7, 3}, "Authentication unsuccessful", StepAuth, KindAuthFailed},
		{538, smtp.EnhancedCode{5, 7, 11}, "Encryption required", StepAuth, KindPlaintextRefused},
		{523, smtp.EnhancedCode{5, 7, 10}, "Plaintext authentication disabled.", StepAuth, KindPlaintextRefused},
		{530, smtp.EnhancedCode{5, 7, 0}, "Must issue a STARTTLS command first", StepAuth, KindPlaintextRefused},
		{454, smtp.EnhancedCode{4, 7, 0}, "Temporary authentication failure", StepAuth, KindServerBusy},
		{421, smtp.EnhancedCode{4, 4, 0}, "localhost Failed to connect to relay server", StepAuth, KindServerBusy},
		{504, smtp.EnhancedCode{5, 5, 4}, "Unsupported authentication mechanism.", StepAuth, KindAuthUnsupported},
		{501, smtp.EnhancedCode{5, 5, 2}, "Invalid base64 data", StepAuth, KindProtocol},
		{421, smtp.EnhancedCode{4, 3, 2}, "busy", StepGreeting, KindServerBusy},
		{554, smtp.EnhancedCode{5, 7, 1}, "no service for you", StepGreeting, KindRefused},
		{454, smtp.EnhancedCode{4, 7, 0}, "TLS not available", StepSTARTTLS, KindSTARTTLSUnavailable},
		{550, smtp.EnhancedCode{5, 7, 1}, "Sender rejected", StepSend, KindMailbox},
		{451, smtp.EnhancedCode{4, 3, 0}, "try later", StepSend, KindServerBusy},
	}
	for _, c := range cases {
		e := smtpReplyError(&smtp.SMTPError{Code: c.code, EnhancedCode: c.enh, Message: c.msg}, c.step, profile.Server{Host: "mail.example.test", Port: 587})
		if e.Kind != c.want || e.Hint == "" || e.Service != ServiceSMTP || e.Step != c.step {
			t.Errorf("%d %v %q at %s: kind %s hint %q, want %s", c.code, c.enh, c.msg, c.step, e.Kind, e.Hint, c.want)
		}
	}
}

// TestAppPasswordHintNamesProvider: the hint points at the provider's own fix.
func TestAppPasswordHintNamesProvider(t *testing.T) {
	cases := []struct {
		host string
		se   smtp.SMTPError
		want string
	}{
		{"smtp.gmail.com", smtp.SMTPError{Code: 534, EnhancedCode: smtp.EnhancedCode{5, 7, 9}, Message: "Application-specific password required."}, "myaccount.google.com/apppasswords"},
		{"smtp.gmail.com", smtp.SMTPError{Code: 534, EnhancedCode: smtp.EnhancedCode{5, 7, 14}, Message: "Please log in via your web browser"}, "web browser"},
		{"smtp.office365.com", smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 139}, Message: "basic authentication is disabled"}, "Authenticated SMTP"},
		{"smtp.mail.yahoo.com", smtp.SMTPError{Code: 535, Message: "Please use an app password"}, "Generate app password"},
		{"smtp.mail.me.com", smtp.SMTPError{Code: 535, Message: "application-specific password required"}, "account.apple.com"},
		{"mail.example.test", smtp.SMTPError{Code: 534, EnhancedCode: smtp.EnhancedCode{5, 7, 9}, Message: "Application-specific password required"}, "security settings"},
	}
	for _, c := range cases {
		e := smtpReplyError(&c.se, StepAuth, profile.Server{Host: c.host, Port: 465})
		if e.Kind != KindAppPassword || !strings.Contains(e.Hint, c.want) {
			t.Errorf("%s %d: kind %s hint %q, want %q in it", c.host, c.se.Code, e.Kind, e.Hint, c.want)
		}
	}
}

func TestReadSMTPReplyMultiLine(t *testing.T) {
	c1, c2 := net.Pipe()
	defer c1.Close()
	go func() {
		_, _ = c2.Write([]byte("534-5.7.9 Application-specific password required.\r\n534 5.7.9 Learn more\r\n"))
		c2.Close()
	}()
	_, err := readSMTPReply(c1, 235)
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 534 || se.EnhancedCode != (smtp.EnhancedCode{5, 7, 9}) ||
		se.Message != "Application-specific password required.\nLearn more" {
		t.Fatalf("got %#v", err)
	}
}

// FuzzSMTPReply feeds arbitrary bytes as a server reply through the reply
// reader and the classification: no panic, a Kind from the closed list, and
// server text that is valid, printable UTF-8 of bounded size.
func FuzzSMTPReply(f *testing.F) {
	for _, s := range []string{
		"220 localhost Dovecot ready.\r\n", "534-5.7.9 Application-specific password required.\r\n534 5.7.9 more\r\n",
		"535 5.7.139 basic authentication is disabled\r\n", "454 4.7.0\r\n", "250", "999 x\r\n", "5",
		"538 5.7.11 \xff\xfe\x00\x1b[31m\r\n", "421-a\r\n421-b\r\n", "220-\r\n220 x\r\n", "\r\n",
	} {
		f.Add(s, uint8(0))
	}
	steps := []StepName{StepGreeting, StepCapa, StepSTARTTLS, StepAuth, StepSend}
	f.Fuzz(func(t *testing.T, raw string, step uint8) {
		c1, c2 := net.Pipe()
		go func() {
			_, _ = c2.Write([]byte(raw))
			c2.Close()
		}()
		_, err := readSMTPReply(c1, 220)
		c1.Close()
		var se *smtp.SMTPError
		if !errors.As(err, &se) {
			return
		}
		e := smtpReplyError(se, steps[int(step)%len(steps)], profile.Server{Host: "h", Port: 587})
		if !slices.Contains(Kinds, e.Kind) || e.Hint == "" {
			t.Fatalf("kind %q hint %q", e.Kind, e.Hint)
		}
		if !utf8.ValidString(e.ServerText) || len(e.ServerText) > 2*maxShownText {
			t.Fatalf("server text not valid or too long: %q", e.ServerText)
		}
		// The one contract for terminal text (a tab may stay), on one line.
		if err := termtexttest.Leak(e.ServerText); err != nil || strings.Contains(e.ServerText, "\n") {
			t.Fatalf("server text %q is not safe on one line: %v", e.ServerText, err)
		}
	})
}
