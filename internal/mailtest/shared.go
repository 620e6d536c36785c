package mailtest

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// sharedServer is the one Dovecot per test binary that Shared hands out.
// It is the package's only package-level state: a sync.Once cannot live anywhere else.
var sharedServer struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns the Dovecot shared by every test in this test binary,
// starting it on first use. Tests must leave it as they found it (no
// DELE+QUIT of alice's fixtures, no password changes): use Start for that.
// Call Main from TestMain so the server is stopped when the tests end.
func Shared(t testing.TB) *Server {
	t.Helper()
	NeedTool(t, "dovecot")
	sharedServer.once.Do(func() { sharedServer.srv, sharedServer.err = newServer() })
	if sharedServer.err != nil {
		t.Fatalf("mailtest: shared server: %v", sharedServer.err)
	}
	return sharedServer.srv
}

// Main runs the tests and then stops the shared server, if one was started:
//
//	func TestMain(m *testing.M) { mailtest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	if s := sharedServer.srv; s != nil {
		if code != 0 {
			fmt.Fprintf(os.Stderr, "mailtest: shared server log after failed tests:\n%s\n", s.LogTail(40))
		}
		if err := s.shutdown(); err != nil {
			fmt.Fprintf(os.Stderr, "mailtest: shut down the shared server: %v\n", err)
		}
	}
	os.Exit(code)
}
