package mailtest_test

import (
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// BenchmarkStart measures a private server's start-up until every port accepts
// (go test -run '^$' -bench Start ./internal/mailtest).
func BenchmarkStart(b *testing.B) {
	for range b.N {
		s := mailtest.Start(b)
		b.StopTimer()
		s.Stop(b)
		b.StartTimer()
	}
}

// BenchmarkStop measures Stop (SIGTERM until Dovecot's master has exited).
func BenchmarkStop(b *testing.B) {
	for range b.N {
		b.StopTimer()
		s := mailtest.Start(b)
		b.StartTimer()
		s.Stop(b)
	}
	b.StopTimer()
}

// BenchmarkPOP3SSession measures one POP3S session against the shared server:
// TCP, TLS, USER/PASS, STAT, QUIT.
func BenchmarkPOP3SSession(b *testing.B) {
	s := mailtest.Shared(b)
	alice := s.User("alice")
	for b.Loop() {
		c := dialTLS(b, s, s.POP3S)
		c.line()
		c.login(alice)
		c.cmd("STAT")
		c.cmd("QUIT")
		c.conn.Close()
	}
}

// BenchmarkPOP3STLSSession is the same through the strict forwarder with STLS.
func BenchmarkPOP3STLSSession(b *testing.B) {
	s := mailtest.Shared(b)
	alice := s.User("alice")
	for b.Loop() {
		c := dialPlain(b, s, s.POP3STLS)
		c.line()
		c.cmd("STLS")
		c.startTLS(s)
		c.login(alice)
		c.cmd("STAT")
		c.cmd("QUIT")
		c.conn.Close()
	}
}
