package mailtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Start runs a private Dovecot for a test that breaks it (stops it, changes
// passwords, swaps its certificate). It is shut down by t.Cleanup; if the test
// failed, the tail of Dovecot's log is logged first.
func Start(t testing.TB) *Server {
	t.Helper()
	NeedTool(t, "dovecot")
	s, err := newServer()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	stopWith(t, s)
	return s
}

// stopWith shuts s down when the test ends, logging Dovecot's log first if it failed.
func stopWith(t testing.TB, s *Server) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("mailtest: %s", s.LogTail(40))
		}
		if err := s.shutdown(); err != nil {
			t.Errorf("mailtest: shut down dovecot: %v", err)
		}
	})
}

// newServer prepares a scratch directory, starts the sink, Dovecot and the forwarders.
func newServer() (*Server, error) { return newServerWith(nil) }

// newServerWith is newServer with extra dovecot.conf lines from extra (may be nil).
func newServerWith(extra func(*Server) string) (*Server, error) {
	tools, err := dovecotTools()
	if err != nil {
		return nil, err
	}
	id, err := currentIdentity()
	if err != nil {
		return nil, err
	}
	dir, err := makeScratch(id)
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, Host: "127.0.0.1", id: id, tools: tools, accounts: fixedAccounts(), listen: listenAddrs(), extraConfig: extra}
	if err := s.prepare(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.run(); err != nil {
		_ = s.shutdown()
		return nil, err
	}
	return s, nil
}

// prepare writes certificates, the users file and the Maildirs.
func (s *Server) prepare() error {
	for _, sub := range []string{"tls", "log", "state", "home"} {
		if err := os.Mkdir(filepath.Join(s.Dir, sub), 0o755); err != nil {
			return fmt.Errorf("create scratch directory: %w", err)
		}
	}
	if err := s.installCerts(); err != nil {
		return err
	}
	if err := s.writeUsers(); err != nil {
		return err
	}
	return s.makeMailboxes()
}

// run starts the sink, Dovecot and the forwarders.
func (s *Server) run() error {
	sink, err := startSink(os.Stderr)
	if err != nil {
		return err
	}
	s.Sink = sink
	s.life.Lock()
	defer s.life.Unlock()
	if err := s.bootOnFreshPorts(); err != nil {
		return err
	}
	return s.startForwarders()
}

// makeScratch creates the scratch directory. Unix socket paths inside it are
// limited to about 100 bytes, so a long TMPDIR is avoided. As root the
// directory must be traversable by Dovecot's unprivileged processes.
func makeScratch(id identity) (string, error) {
	base := os.TempDir()
	if len(base) > 40 {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "mailtest-")
	if err != nil {
		return "", fmt.Errorf("create scratch directory: %w", err)
	}
	if id.root {
		err = os.Chmod(dir, 0o755)
	}
	return dir, err
}

func listenAddrs() string {
	if ipv6Loopback() {
		return "127.0.0.1, ::1"
	}
	return "127.0.0.1"
}
