package verify

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/setupwiz/setupwiz/internal/pop3"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// pop3Session is one POP3 connection driven through its states: connected,
// TLS (implicit or STLS), greeting, capabilities, login, mailbox, quit. The
// protocol is internal/pop3's; the steps, deadlines and diagnoses are ours.
type pop3Session struct {
	ctx      context.Context
	o        *Options
	t        *tracker
	srv      profile.Server
	raw      net.Conn // the TCP (or TLS) connection; closed when ctx ends
	c        *pop3.Client
	maxLines int // bound for multi-line replies
	tls      *TLSInfo
	greeting string
	caps     *pop3.Caps // nil: CAPA not supported
}

// openPOP3 connects and gets as far as the capabilities, securing the
// connection as srv.Security demands. On error the connection is closed.
// While the greeting (and an implicit TLS handshake) is awaited, a
// securityWatch checks whether the port speaks the other security mode.
func openPOP3(ctx context.Context, o *Options, t *tracker, srv profile.Server) (*pop3Session, *Error) {
	ctx, w := watchSecurity(ctx)
	defer w.stop()
	raw, e := dialService(ctx, o, t, srv)
	if e != nil {
		return nil, e
	}
	w.arm(ctx, o, ServicePOP3, srv)
	s := &pop3Session{ctx: ctx, o: o, t: t, srv: srv, raw: raw, maxLines: maxMultiLines}
	if e = s.setup(w); e != nil {
		raw.Close()
		return nil, e
	}
	return s, nil
}

func (s *pop3Session) setup(w *securityWatch) *Error {
	if s.srv.Security == profile.SecurityTLS {
		if e := s.implicitTLS(); e != nil {
			return e
		}
	}
	s.c = s.client(s.t.wrap(s.raw))
	if e := s.readGreeting(); e != nil {
		return e
	}
	w.stop()
	if s.srv.Security == profile.SecuritySTARTTLS {
		if e := s.startTLS(); e != nil {
			return e
		}
	}
	return s.capa()
}

// client is a POP3 client on conn with our bounds.
func (s *pop3Session) client(conn net.Conn) *pop3.Client {
	c := pop3.NewClient(conn)
	c.MaxLineLength, c.MaxLines = maxPOP3Line, s.maxLines
	return c
}

func (s *pop3Session) implicitTLS() *Error {
	s.t.begin(StepTLS)
	tc, info, e := tlsClient(s.ctx, s.o, s.t, s.raw, s.srv.Host)
	if e != nil {
		return e
	}
	s.raw, s.tls = tc, info // closing tc closes the TCP connection too
	s.t.end(tlsStepDetail(info))
	return nil
}

func (s *pop3Session) readGreeting() *Error {
	s.t.begin(StepGreeting)
	text, err := s.c.Greeting()
	var pe *pop3.ProtocolError
	if errors.As(err, &pe) {
		return s.t.fail(notPOP3([]byte(pe.Line), err))
	}
	if err != nil {
		return s.fail(err, StepGreeting)
	}
	s.greeting = safeTextString(joinStatus("+OK", text))
	s.t.end(s.greeting)
	return nil
}

func joinStatus(status, text string) string {
	if text == "" {
		return status
	}
	return status + " " + text
}

// netFail records a read/write failure at step.
func (s *pop3Session) netFail(err error, step StepName) *Error {
	return s.t.fail(classifyErr(s.ctx, err, ServicePOP3, step, s.srv))
}

// fail records err met at step: a -ERR reply, a bound or a broken connection.
func (s *pop3Session) fail(err error, step StepName) *Error {
	var refused *pop3.Error
	if errors.As(err, &refused) && s.ctx.Err() == nil {
		return s.t.fail(pop3Error(refused, step))
	}
	return s.netFail(err, step)
}

// quit says goodbye without waiting for the answer: nothing in it matters
// to the check, and waiting would cost a round trip.
func (s *pop3Session) quit() {
	s.t.begin(StepQuit)
	_ = s.c.QuitNoWait()
	s.t.end("sent")
}

func tlsStepDetail(info *TLSInfo) string {
	d := fmt.Sprintf("%s, %s", info.Version, info.ServerName)
	if info.Cert.Pinned {
		d += ", pinned certificate"
	}
	return d
}
