package demo

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"sync"

	"github.com/emersion/go-smtp"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// Server is a running demo: POP3 and SMTP submission on 127.0.0.1, each with
// implicit TLS and with a STARTTLS-style upgrade, for one demo account.
type Server struct {
	Host        string // "127.0.0.1"
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
	listeners []net.Listener
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
	s := &Server{Host: "127.0.0.1", CAPEM: ca.pem, Roots: ca.pool(), Email: o.Email, Username: o.Email,
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

// listen opens the four listeners, in the order POP3S, POP3, submissions, submission.
func (s *Server) listen() error {
	ports := []*int{&s.POP3S, &s.POP3, &s.Submissions, &s.Submission}
	for _, port := range ports {
		l, err := net.Listen("tcp", net.JoinHostPort(s.Host, "0"))
		if err != nil {
			return fmt.Errorf("demo server: listening on %s: %w", s.Host, err)
		}
		s.listeners = append(s.listeners, l)
		*port = l.Addr().(*net.TCPAddr).Port
	}
	return nil
}

// serve starts one accept loop per listener.
func (s *Server) serve(ca *authority, o Options) {
	creds := credentials{username: s.Username, password: s.Password}
	pop := &pop3Server{opts: o, tlsConf: ca.tlsConfig(), mailbox: s.mailbox, creds: creds, sessions: &s.sessions}
	s.smtp = newSMTPServer(&smtpBackend{mailbox: s.mailbox, creds: creds, email: s.Email, now: o.Now}, ca, o)
	tracked := make([]net.Listener, len(s.listeners))
	for i, l := range s.listeners {
		tracked[i] = s.tracker.listener(l)
	}
	s.goAccept(func() { pop.serve(tls.NewListener(tracked[0], pop.tlsConf), true) })
	s.goAccept(func() { pop.serve(tracked[1], false) })
	s.goAccept(func() { s.smtp.Serve(tls.NewListener(tracked[2], s.smtp.TLSConfig)) })
	s.goAccept(func() { s.smtp.Serve(tracked[3]) })
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
	for _, l := range s.listeners {
		if err := l.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			errs = append(errs, err)
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
	p.Incoming = profile.Server{Host: s.Host, Port: s.POP3S, Security: profile.SecurityTLS, Username: s.Username}
	p.Outgoing = profile.Server{Host: s.Host, Port: s.Submissions, Security: profile.SecurityTLS, Username: s.Username}
	return p
}

// Received returns copies of the messages submitted over SMTP, in order.
func (s *Server) Received() [][]byte { return s.mailbox.submitted() }
