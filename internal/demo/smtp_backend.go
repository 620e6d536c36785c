package demo

import (
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpBackend is the submission service (RFC 6409) on go-smtp: AUTH PLAIN or
// LOGIN with the demo credentials, only over TLS; every accepted message is
// recorded, and a copy addressed to the demo account lands in its mailbox.
type smtpBackend struct {
	mailbox *mailbox
	creds   credentials
	email   string
	now     func() time.Time
}

// newSMTPServer configures go-smtp the way a careful provider would: no AUTH
// before TLS, bounded lines and messages, a deadline for every command.
func newSMTPServer(b *smtpBackend, a *authority, o Options) *smtp.Server {
	s := smtp.NewServer(b)
	s.Domain = "localhost"
	s.TLSConfig = a.tlsConfig()
	s.ReadTimeout, s.WriteTimeout = o.CommandTimeout, o.CommandTimeout
	s.MaxLineLength = min(o.MaxLineLength, 2000)
	s.MaxMessageBytes = o.MaxMessageBytes
	s.MaxRecipients = 50
	s.ErrorLog = log.New(o.Log, "demo smtp: ", 0)
	return s
}

func (b *smtpBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	ip := "unknown"
	if a, ok := c.Conn().RemoteAddr().(*net.TCPAddr); ok {
		ip = a.IP.String()
	}
	return &smtpSession{b: b, helo: c.Hostname(), ip: ip}, nil
}

// smtpSession is one client's envelope and login state.
type smtpSession struct {
	b      *smtpBackend
	helo   string
	ip     string // the client's address, for the Received line
	authed bool
	rcpts  []string
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required."}

func (s *smtpSession) AuthMechanisms() []string { return strings.Fields(saslMechanisms) }

// Auth returns the SASL server for mech; go-smtp only calls it over TLS.
func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	switch mech {
	case "PLAIN":
		return sasl.NewPlainServer(s.check), nil
	case "LOGIN":
		return newLoginServer(s.check), nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

// check maps a wrong login to 535 5.7.8, the reply real servers give.
func (s *smtpSession) check(identity, username, password string) error {
	if err := s.b.creds.check(identity, username, password); err != nil {
		return smtp.ErrAuthFailed
	}
	s.authed = true
	return nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return errAuthRequired
	}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if !s.authed {
		return errAuthRequired
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

// Data records the message (go-smtp has already bounded its size).
func (s *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mailbox.record(data)
	if s.toDemo() {
		now := s.b.now()
		s.b.mailbox.deliver(append([]byte(s.receivedLine(now)), data...), now)
	}
	return nil
}

func (s *smtpSession) toDemo() bool {
	for _, r := range s.rcpts {
		if strings.EqualFold(r, s.b.email) {
			return true
		}
	}
	return false
}

// receivedLine is the trace header a real server adds (RFC 5321 section 4.4).
func (s *smtpSession) receivedLine(now time.Time) string {
	return fmt.Sprintf("Received: from %s ([%s])\r\n\tby localhost (setupwiz demo) with ESMTPSA;\r\n\t%s\r\n",
		printable(s.helo), s.ip, now.Format(time.RFC1123Z))
}

// printable keeps a client-chosen name from breaking the header.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x21 || r > 0x7e {
			return -1
		}
		return r
	}, s)
}

func (s *smtpSession) Reset()        { s.rcpts = nil }
func (s *smtpSession) Logout() error { return nil }

var _ smtp.AuthSession = (*smtpSession)(nil)
