package verify

import (
	"context"
	"fmt"
	"net"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// pop3Session is one POP3 connection through its states: connected, TLS
// (implicit or STLS), greeting, capabilities, login, mailbox, quit.
type pop3Session struct {
	ctx      context.Context
	o        *Options
	t        *tracker
	srv      profile.Server
	raw      net.Conn // the TCP connection (closed when ctx ends)
	c        *pop3Conn
	tls      *TLSInfo
	greeting string
	stamp    string // APOP timestamp from the greeting, if any
	caps     pop3Caps
	// mailboxSent: STAT and "UIDL 1" went out pipelined with the login.
	mailboxSent bool
	// retry holds user names not tried because the server hung up.
	retry []string
}

// openPOP3 connects and gets as far as the capabilities, securing the
// connection as srv.Security demands. On error the connection is closed.
func openPOP3(ctx context.Context, o *Options, t *tracker, srv profile.Server) (*pop3Session, *Error) {
	raw, e := dialService(ctx, o, t, srv)
	if e != nil {
		return nil, e
	}
	s := &pop3Session{ctx: ctx, o: o, t: t, srv: srv, raw: raw}
	if e = s.setup(); e != nil {
		raw.Close()
		return nil, e
	}
	return s, nil
}

func (s *pop3Session) setup() *Error {
	if s.srv.Security == profile.SecurityTLS {
		if e := s.implicitTLS(); e != nil {
			return e
		}
	}
	s.c = newPOP3Conn(s.t.wrap(s.raw))
	if e := s.readGreeting(); e != nil {
		return e
	}
	if s.srv.Security == profile.SecuritySTARTTLS {
		if e := s.startTLS(); e != nil {
			return e
		}
	}
	return s.capa()
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
	line, err := s.c.readLine()
	if err != nil {
		return s.netFail(err, StepGreeting)
	}
	r, err := parseReply(string(line))
	if err != nil {
		return s.t.fail(notPOP3(line, err))
	}
	s.greeting = safeText(line)
	if !r.OK {
		return s.t.fail(pop3Error(r, StepGreeting))
	}
	s.stamp = apopStamp(r.Text)
	s.t.end(s.greeting)
	return nil
}

// netFail records a read/write failure at step.
func (s *pop3Session) netFail(err error, step StepName) *Error {
	return s.t.fail(classifyErr(s.ctx, err, ServicePOP3, step, s.srv))
}

// fail records a -ERR reply or a protocol error at step.
func (s *pop3Session) fail(r pop3Reply, err error, step StepName) *Error {
	if err != nil {
		return s.netFail(err, step)
	}
	return s.t.fail(pop3Error(r, step))
}

func tlsStepDetail(info *TLSInfo) string {
	d := fmt.Sprintf("%s, %s", info.Version, info.ServerName)
	if info.Cert.Pinned {
		d += ", pinned certificate"
	}
	return d
}
