package mailtest

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// shared is one server per test binary, started on first use. These are
// the package's only package-level state: a sync.Once cannot live anywhere else.
type shared[T any] struct {
	once sync.Once
	srv  T
	err  error
	ran  bool
}

func (s *shared[T]) get(t testing.TB, what string, start func() (T, error)) T {
	t.Helper()
	s.once.Do(func() { s.srv, s.err = start(); s.ran = s.err == nil })
	if s.err != nil {
		t.Fatalf("mailtest: shared %s: %v", what, s.err)
	}
	return s.srv
}

var (
	sharedServer  shared[*Server]
	sharedCourier shared[*Courier]
	sharedPostfix shared[*Postfix]
	sharedExim    shared[*Exim]
	sharedCyrus   shared[*Cyrus]
)

// Shared returns the Dovecot shared by every test in this test binary,
// starting it on first use. Tests must leave it as they found it (no
// DELE+QUIT of alice's fixtures, no password changes): use Start for that.
// Call Main from TestMain so the server is stopped when the tests end.
func Shared(t testing.TB) *Server {
	t.Helper()
	NeedTool(t, "dovecot")
	return sharedServer.get(t, "server", newServer)
}

// SharedCourier returns the Courier shared by every test in this test
// binary, starting it on first use (see Shared for the rules).
func SharedCourier(t testing.TB) *Courier {
	t.Helper()
	needCourier(t)
	return sharedCourier.get(t, "Courier", newCourier)
}

// SharedPostfix returns the Postfix shared by every test in this test
// binary, starting it on first use (see Shared for the rules).
func SharedPostfix(t testing.TB) *Postfix {
	t.Helper()
	needPostfix(t)
	return sharedPostfix.get(t, "Postfix", newPostfix)
}

// SharedExim returns the Exim shared by every test in this test binary,
// starting it on first use (see Shared for the rules).
func SharedExim(t testing.TB) *Exim {
	t.Helper()
	needExim(t)
	return sharedExim.get(t, "Exim", newExim)
}

// SharedCyrus returns the Cyrus shared by every test in this test binary,
// starting it on first use (see Shared for the rules).
func SharedCyrus(t testing.TB) *Cyrus {
	t.Helper()
	needCyrus(t)
	return sharedCyrus.get(t, "Cyrus", newCyrus)
}

// Main runs the tests and then stops the shared servers that were started:
//
//	func TestMain(m *testing.M) { mailtest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if s := sharedServer.srv; sharedServer.ran {
		if code != 0 {
			fmt.Fprintf(os.Stderr, "mailtest: shared server log after failed tests:\n%s\n", s.LogTail(40))
		}
		if err := s.shutdown(); err != nil {
			fmt.Fprintf(os.Stderr, "mailtest: shut down the shared server: %v\n", err)
		}
	}
	if sharedCourier.ran {
		sharedCourier.srv.shutdown()
	}
	if sharedPostfix.ran {
		sharedPostfix.srv.shutdown()
	}
	if sharedExim.ran {
		sharedExim.srv.shutdown()
	}
	if sharedCyrus.ran {
		sharedCyrus.srv.shutdown()
	}
	os.Exit(code)
}
