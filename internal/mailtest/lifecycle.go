package mailtest

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

const (
	startTimeout = 10 * time.Second
)

// errAddrInUse marks a start that failed because a port was taken.
var errAddrInUse = errors.New("a port is already in use")

// boot writes the config and starts Dovecot on the current ports; s.life must be held.
func (s *Server) boot() error {
	text, err := s.config().render()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.config().path(), []byte(text), 0o644); err != nil {
		return err
	}
	removeStale(s.Dir + "/run")
	begin := time.Now()
	proc, err := startDovecot(s.tools.dovecot, s.config().path())
	if err != nil {
		return err
	}
	s.proc = proc
	if err := proc.waitReady(s.readyProbes(), begin.Add(startTimeout)); err != nil {
		return s.bootFailed(proc, err)
	}
	return nil
}

// bootFailed stops what is left and explains the failure with the log tail.
func (s *Server) bootFailed(proc *childProcess, cause error) error {
	proc.stop()
	tail := s.logTail(proc, 30)
	err := fmt.Errorf("start dovecot: %w\n%s", cause, tail)
	if strings.Contains(tail, "Address already in use") {
		return errors.Join(errAddrInUse, err)
	}
	return err
}

// bootOnFreshPorts picks new Dovecot ports until a start succeeds: a free
// port found by listening on :0 can be taken by someone else before Dovecot binds it.
func (s *Server) bootOnFreshPorts() error {
	var err error
	for range 5 {
		var ports []int
		if ports, err = freePorts(4); err != nil {
			return err
		}
		s.POP3Lenient, s.POP3S, s.SubmissionLenient, s.Submissions = ports[0], ports[1], ports[2], ports[3]
		if err = s.boot(); !errors.Is(err, errAddrInUse) {
			return err
		}
	}
	return err
}

// bootSamePorts restarts on the ports already chosen, waiting out a
// lingering socket of the previous instance.
func (s *Server) bootSamePorts() error {
	var err error
	for range 20 {
		if err = s.boot(); !errors.Is(err, errAddrInUse) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// startForwarders puts the strict STLS/STARTTLS ports in front of Dovecot's plain ports.
func (s *Server) startForwarders() error {
	if s.fwdPOP3 == nil {
		s.fwdPOP3, s.fwdSub = newForwarder(s.POP3Lenient), newForwarder(s.SubmissionLenient)
	}
	if err := s.fwdPOP3.listen(); err != nil {
		return err
	}
	if err := s.fwdSub.listen(); err != nil {
		return err
	}
	s.POP3STLS, s.SubmissionSTARTTLS = s.fwdPOP3.port, s.fwdSub.port
	return nil
}

// halt stops Dovecot and the forwarders; s.life must be held.
func (s *Server) halt() {
	if s.fwdPOP3 != nil {
		s.fwdPOP3.stop()
		s.fwdSub.stop()
	}
	if s.proc != nil {
		s.proc.stop()
	}
}

// Stop shuts Dovecot and the forwarders down; afterwards every port refuses
// connections. The sink keeps running. Restart brings the server back.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	s.life.Lock()
	defer s.life.Unlock()
	s.halt()
}

// Restart stops the server if it runs and starts it again on the same ports.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.life.Lock()
	defer s.life.Unlock()
	if err := s.restart(); err != nil {
		t.Fatalf("mailtest: restart dovecot: %v", err)
	}
}

func (s *Server) restart() error {
	s.halt()
	if err := s.bootSamePorts(); err != nil {
		return err
	}
	return s.startForwarders()
}

// shutdown stops everything and removes the scratch directory.
func (s *Server) shutdown() error {
	s.life.Lock()
	s.halt()
	s.life.Unlock()
	if s.Sink != nil {
		s.Sink.close()
	}
	return os.RemoveAll(s.Dir)
}
