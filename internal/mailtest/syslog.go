package mailtest

import (
	"fmt"
	"net"
	"os"
)

// syslogSink is a /dev/log of a server's own: a datagram socket whose
// messages go, one per line, to a log file. A server that logs only through
// syslog(3) (Cyrus) is given it in its mount namespace, so its log is the
// test's to read, and nothing reaches the machine's syslog.
type syslogSink struct {
	conn *net.UnixConn
	done chan struct{}
}

// maxSyslogMessage bounds one datagram (syslog(3) sends at most a few KB).
const maxSyslogMessage = 64 << 10

// newSyslogSink listens on socketPath (writable by every user: the server
// logs as its own system user) and appends what arrives to logPath.
func newSyslogSink(socketPath, logPath string) (*syslogSink, error) {
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: socketPath, Net: "unixgram"})
	if err != nil {
		return nil, fmt.Errorf("listen for syslog: %w", err)
	}
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err == nil {
		err = os.Chmod(socketPath, 0o666)
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("syslog sink: %w", err)
	}
	s := &syslogSink{conn: conn, done: make(chan struct{})}
	go s.copy(log)
	return s, nil
}

// copy writes each message as a line until the socket is closed.
func (s *syslogSink) copy(log *os.File) {
	defer close(s.done)
	defer log.Close()
	buf := make([]byte, maxSyslogMessage)
	for {
		n, err := s.conn.Read(buf)
		if err != nil {
			return
		}
		_, _ = log.Write(append(buf[:n:n], '\n'))
	}
}

// close stops listening; what arrived before is in the log.
func (s *syslogSink) close() {
	s.conn.Close()
	<-s.done
}
