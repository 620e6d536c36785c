package mailtest

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// readyProbe checks that Dovecot itself answers on a port: it reads the
// greeting, after a TLS handshake against our CA on implicit-TLS ports. A
// mere successful connect is not enough: during start-up another process may
// still hold the port, and Dovecot keeps retrying its bind for a second
// before it gives up.
type readyProbe struct {
	port     int
	tls      *tls.Config // nil for a plain port
	greeting string      // the line must start with this
}

func (s *Server) readyProbes() []readyProbe {
	cfg := probeTLS(s.certs.pool)
	const pop3, smtp = "+OK Dovecot ready.", "220 localhost Dovecot ready."
	return []readyProbe{
		{s.POP3Lenient, nil, pop3}, {s.POP3S, cfg, pop3},
		{s.SubmissionLenient, nil, smtp}, {s.Submissions, cfg, smtp},
	}
}

func (pr readyProbe) check(deadline time.Time) error {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(pr.port))
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(earliest(deadline, time.Now().Add(2*time.Second)))
	if pr.tls != nil {
		tc := tls.Client(c, pr.tls)
		if err := tc.Handshake(); err != nil {
			return fmt.Errorf("TLS handshake: %w", err)
		}
		c = tc
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, pr.greeting) {
		return fmt.Errorf("greeting %q (%v), want %q", line, err, pr.greeting)
	}
	return nil
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
