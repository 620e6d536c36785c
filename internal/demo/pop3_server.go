package demo

import (
	"crypto/tls"
	"net"
	"sync"
)

// pop3Server accepts POP3 connections for the demo mailbox. One instance
// serves both the implicit-TLS port and the STLS port.
type pop3Server struct {
	opts     Options
	tlsConf  *tls.Config
	mailbox  *mailbox
	creds    credentials
	sessions *sync.WaitGroup // one per live session, so Close can wait for them
}

// serve accepts until l is closed. With implicitTLS, l hands out *tls.Conn.
func (p *pop3Server) serve(l net.Listener, implicitTLS bool) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		p.sessions.Add(1)
		go func() {
			defer p.sessions.Done()
			p.newSession(c, implicitTLS).run()
		}()
	}
}

func (p *pop3Server) newSession(c net.Conn, implicitTLS bool) *pop3Session {
	return &pop3Session{srv: p, c: newPOP3Conn(c, p.opts), tls: implicitTLS}
}
