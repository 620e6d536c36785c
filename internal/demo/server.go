package demo

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"sync"

	"github.com/emersion/go-smtp"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// Server is a running demo: POP3 and SMTP submission on loopback, each with
// implicit TLS and with a STARTTLS-style upgrade, for one demo account.
type Server struct {
	Host        string // "localhost" (the certificate also names 127.0.0.1 and ::1)
	POP3S       int    // POP3 over implicit TLS
	POP3        int    // POP3 that requires STLS before any login
	Submissions int    // submission over implicit TLS
	Submission  int    // submission that requires STARTTLS before AUTH
	CAPEM       []byte // the throwaway CA's certificate, PEM
	Roots       *x509.CertPool
	Email       string
	Username    string
	Password    string // the demo password; it protects nothing and is shown on screen

	mailbox   *mailbox
	tracker   *tracker
	listeners [4][]net.Listener // per port, in the order POP3S, POP3, submissions, submission
	smtp      *smtp.Server
	accepting sync.WaitGroup // the accept loops
	sessions  sync.WaitGroup // POP3 sessions
	stopCtx   func() bool    // unregisters the shutdown on context end
	ctxDone   chan struct{}  // closed when a context-triggered shutdown has finished
	stopOnce  sync.Once
	ctxFired  bool // the context ended before the first Close
	closeOnce sync.Once
	closeErr  error
}

// Start generates the CA, fills the demo mailbox and listens on four free
// loopback ports. The server stops when ctx ends or Close is called.
func Start(ctx context.Context, o Options) (*Server, error) {
	o = o.withDefaults()
	ca, err := newAuthority(o.Now())
	if err != nil {
		return nil, err
	}
	mb, err := newMailbox()
	if err != nil {
		return nil, err
	}
	s := &Server{Host: "localhost", CAPEM: ca.pem, Roots: ca.pool(), Email: o.Email, Username: o.Email,
		Password: o.Password, mailbox: mb, tracker: newTracker()}
	if err := s.listen(); err != nil {
		s.Close()
		return nil, err
	}
	s.serve(ca, o)
	s.ctxDone = make(chan struct{})
	s.stopCtx = context.AfterFunc(ctx, func() {
		defer close(s.ctxDone)
		s.closeOnce.Do(s.shutdown)
	})
	return s, nil
}

// listen opens the four loopback ports.
func (s *Server) listen() error {
	ports := []*int{&s.POP3S, &s.POP3, &s.Submissions, &s.Submission}
	for i, port := range ports {
		var err error
		if s.listeners[i], *port, err = listenLoopback(); err != nil {
			return err
		}
	}
	return nil
}

// serve starts one accept loop per listener.
func (s *Server) serve(ca *authority, o Options) {
	creds := credentials{username: s.Username, password: s.Password}
	pop := &pop3Server{opts: o, tlsConf: ca.tlsConfig(), mailbox: s.mailbox, creds: creds, sessions: &s.sessions}
	s.smtp = newSMTPServer(&smtpBackend{mailbox: s.mailbox, creds: creds, email: s.Email, now: o.Now}, ca, o)
	s.each(0, func(l net.Listener) { pop.serve(tls.NewListener(l, pop.tlsConf), true) })
	s.each(1, func(l net.Listener) { pop.serve(l, false) })
	s.each(2, func(l net.Listener) { s.smtp.Serve(tls.NewListener(l, s.smtp.TLSConfig)) })
	s.each(3, func(l net.Listener) { s.smtp.Serve(l) })
}

// each runs loop in its own goroutine for every listener of port i, tracking their connections.
func (s *Server) each(i int, loop func(net.Listener)) {
	for _, l := range s.listeners[i] {
		s.goAccept(func() { loop(s.tracker.listener(l)) })
	}
}

func (s *Server) goAccept(loop func()) {
	s.accepting.Add(1)
	go func() {
		defer s.accepting.Done()
		loop()
	}()
}

// Close stops accepting, closes every connection and returns once every
// goroutine the server started has ended. It is safe to call more than once.
func (s *Server) Close() error {
	if s.contextEnded() {
		<-s.ctxDone // wait for the shutdown the context's end started
	}
	s.closeOnce.Do(s.shutdown)
	return s.closeErr
}

// contextEnded unregisters the context watch and reports whether it had already fired.
func (s *Server) contextEnded() bool {
	s.stopOnce.Do(func() { s.ctxFired = s.stopCtx != nil && !s.stopCtx() })
	return s.ctxFired
}

func (s *Server) shutdown() {
	var errs []error
	for _, ls := range s.listeners {
		for _, l := range ls {
			if err := l.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
				errs = append(errs, err)
			}
		}
	}
	s.tracker.closeAll()
	s.accepting.Wait() // no accept loop can start a session after this
	if s.smtp != nil {
		s.smtp.Shutdown(context.Background()) // waits for SMTP sessions; their connections are closed
	}
	s.sessions.Wait()
	s.closeErr = errors.Join(errs...)
}

// Profile is the demo account as the wizard should find it: POP3 over TLS
// and submission over TLS, the full address as username.
func (s *Server) Profile() profile.Profile {
	p := profile.New(s.Email, DefaultName)
	pop3, smtp := s.Servers()
	p.Incoming, p.Outgoing = pop3[0], smtp[0]
	return p
}

// Servers lists every way to reach the demo account, best first: implicit
// TLS (RFC 8314), then the STLS / STARTTLS upgrade.
func (s *Server) Servers() (pop3, smtp []profile.Server) {
	at := func(port int, sec profile.Security) profile.Server {
		return profile.Server{Host: s.Host, Port: port, Security: sec, Username: s.Username}
	}
	pop3 = []profile.Server{at(s.POP3S, profile.SecurityTLS), at(s.POP3, profile.SecuritySTARTTLS)}
	smtp = []profile.Server{at(s.Submissions, profile.SecurityTLS), at(s.Submission, profile.SecuritySTARTTLS)}
	return pop3, smtp
}

// Received returns copies of the messages submitted over SMTP, in order.
func (s *Server) Received() [][]byte { return s.mailbox.submitted() }
