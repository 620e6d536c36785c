package verify

import (
	"context"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// ehloName is what we call ourselves in EHLO: a fixed neutral name, so the
// check does not tell the server this machine's host name.
const ehloName = "localhost"

// smtpSession is an SMTP connection that is greeted, secured as the server
// entry asks, and has said EHLO: ready for AUTH.
type smtpSession struct {
	ctx       context.Context
	o         *Options
	t         *tracker
	srv       profile.Server
	raw       net.Conn // as dialled: closing it ends everything
	conn      *smtpConn
	c         *smtp.Client
	tls       *TLSInfo
	greeting  string // as shown: "220 localhost Dovecot ready."
	greetMsg  string // as received, for the replay after STARTTLS
	caps      []string
	tlsActive bool
}

// openSMTP dials srv and runs TLS (implicit or STARTTLS), the greeting and
// EHLO. Errors have been through t.fail. On an error after the dial, the
// session is returned too (closed), with what was learnt before the failure.
// While the greeting (and an implicit TLS handshake) is awaited, a
// securityWatch checks whether the port speaks the other security mode.
func openSMTP(ctx context.Context, o *Options, t *tracker, srv profile.Server) (*smtpSession, *Error) {
	ctx, w := watchSecurity(ctx)
	defer w.stop()
	raw, e := dialService(ctx, o, t, srv)
	if e != nil {
		return nil, e
	}
	w.arm(ctx, o, ServiceSMTP, srv)
	s := &smtpSession{ctx: ctx, o: o, t: t, srv: srv, raw: raw}
	if e := s.open(w); e != nil {
		s.close()
		return s, e
	}
	return s, nil
}

func (s *smtpSession) open(w *securityWatch) *Error {
	wire := s.raw
	if s.srv.Security == profile.SecurityTLS {
		tc, e := s.implicitTLS()
		if e != nil {
			return e
		}
		wire = tc
	}
	if e := s.greet(s.t.wrap(wire)); e != nil {
		return e
	}
	w.stop()
	if e := s.ehlo(); e != nil {
		return e
	}
	if s.srv.Security == profile.SecuritySTARTTLS {
		return s.startTLS()
	}
	return nil
}

// implicitTLS runs the TLS handshake first (RFC 8314).
func (s *smtpSession) implicitTLS() (net.Conn, *Error) {
	s.t.begin(StepTLS)
	tc, info, e := tlsClient(s.ctx, s.o, s.t, s.raw, s.srv.Host)
	if e != nil {
		return nil, e
	}
	s.tls, s.tlsActive = info, true
	s.t.end(tlsStepDetail(info))
	return tc, nil
}

// greet reads the 220 greeting and hands the connection to a go-smtp client.
func (s *smtpSession) greet(wire net.Conn) *Error {
	s.t.begin(StepGreeting)
	msg, err := readSMTPReply(wire, 220)
	if err != nil {
		return s.fail(err, StepGreeting)
	}
	s.greetMsg = msg
	s.greeting = safeTextString("220 " + strings.ReplaceAll(msg, "\n", " / "))
	s.newClient(wire, msg)
	s.t.end(s.greeting)
	return nil
}

// newClient puts a go-smtp client on wire that has, in its view, just read
// the greeting msg.
func (s *smtpSession) newClient(wire net.Conn, msg string) {
	s.conn = &smtpConn{Conn: wire, replay: greetingReplay(msg)}
	s.c = smtp.NewClient(s.conn)
	s.c.CommandTimeout = s.o.stepTimeout() // the check's context closes the connection first
	s.c.SubmissionTimeout = s.o.stepTimeout()
}

// ehlo says EHLO and records the keywords the server lists.
func (s *smtpSession) ehlo() *Error {
	s.t.begin(StepCapa)
	s.conn.startTap()
	err := s.c.Hello(ehloName)
	s.caps = parseEHLO(s.conn.stopTap())
	if err != nil {
		return s.fail(err, StepCapa)
	}
	s.t.end(ehloDetail(s.caps))
	return nil
}

// fail classifies err met at step and records it.
func (s *smtpSession) fail(err error, step StepName) *Error {
	return s.t.fail(smtpError(s.ctx, err, step, s.srv))
}

// quit says QUIT without waiting for the answer (it carries no information
// for a check), then closes.
func (s *smtpSession) quit() {
	s.t.begin(StepQuit)
	if err := s.leave(); err != nil {
		s.t.end("not sent: " + err.Error())
		return
	}
	s.t.end("")
}

// leave sends QUIT and closes the connection, without waiting.
func (s *smtpSession) leave() error {
	_ = s.conn.SetDeadline(time.Now().Add(time.Second))
	_, err := s.conn.Write([]byte("QUIT\r\n"))
	s.close()
	return err
}

func (s *smtpSession) close() { s.raw.Close() }
