package mailtest

import (
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// peer is what the Courier and Postfix harnesses share: a scratch
// directory, a CA, the users, a log file and the namespace launcher.
type peer struct {
	Dir    string // scratch directory
	Host   string // "127.0.0.1"
	CAFile string // PEM of the CA that signed the server certificate
	CAPool *x509.CertPool

	name  string // "courier", "postfix": the log is Dir/name.log
	log   string // the log's path when it is elsewhere
	users []User
	proc  *childProcess
}

// User returns a user by short name ("alice", "bob", "erin") or login.
func (p *peer) User(name string) User { return findUser(p.users, name) }

// Addr returns "127.0.0.1:port".
func (p *peer) Addr(port int) string { return net.JoinHostPort(p.Host, strconv.Itoa(port)) }

// Log returns what the server logged so far.
func (p *peer) Log() string {
	data, _ := os.ReadFile(p.logFile())
	return string(data)
}

// LogTail returns the last n lines of the log, for failure messages.
func (p *peer) LogTail(n int) string {
	return "--- " + p.name + " log (" + p.logFile() + ") ---\n" + lastLines(p.Log(), n)
}

func (p *peer) logFile() string {
	if p.log != "" {
		return p.log
	}
	return filepath.Join(p.Dir, p.name+".log")
}

func (p *peer) halt() {
	if p.proc != nil {
		p.proc.stop()
		p.proc = nil
	}
}

// onFreshPorts picks n free ports and boots until a start succeeds: a port
// found free can be taken by someone else before the server binds it.
func (p *peer) onFreshPorts(n int, boot func(ports []int) error) error {
	var err error
	for range 5 {
		var ports []int
		if ports, err = freePorts(n); err != nil {
			return err
		}
		if err = boot(ports); err == nil {
			return nil
		}
		p.halt()
	}
	return err
}

// scaffold makes the subdirectories of the scratch directory (tls among
// them) and a new CA and server certificate in tls/.
func (p *peer) scaffold(mode os.FileMode, subs ...string) error {
	for _, sub := range subs {
		if err := os.Mkdir(filepath.Join(p.Dir, sub), mode); err != nil {
			return fmt.Errorf("create scratch directory: %w", err)
		}
	}
	certs, err := newCertSet()
	if err != nil {
		return err
	}
	if err := certs.write(filepath.Join(p.Dir, "tls")); err != nil {
		return err
	}
	p.CAFile, p.CAPool = filepath.Join(p.Dir, "tls", "ca.crt"), certs.pool
	return nil
}

// launch runs script in the server's own namespaces (startInNamespaces),
// its output to launchLog, and waits until every probe is greeted.
func (p *peer) launch(script, launchLog string, probes []readyProbe) error {
	begin := time.Now()
	proc, err := startInNamespaces(p.name, p.Dir, script, launchLog)
	if err != nil {
		return err
	}
	p.proc = proc
	if err := proc.waitReady(probes, begin.Add(startTimeout)); err != nil {
		return fmt.Errorf("start %s: %w\n%s", p.name, err, p.LogTail(30))
	}
	return nil
}

// bringUp prepares a peer server in its scratch directory dir and starts
// it; a failed step leaves nothing behind (no directory, no process).
func bringUp[S interface {
	prepare() error
	run() error
	shutdown()
}](s S, dir string) (S, error) {
	var none S
	if err := s.prepare(); err != nil {
		os.RemoveAll(dir)
		return none, err
	}
	if err := s.run(); err != nil {
		s.shutdown()
		return none, err
	}
	return s, nil
}

// newPeer makes the scratch directory of a peer server.
func newPeer(name string) (peer, error) {
	dir, err := makeScratch(rootIdentity())
	return peer{Dir: dir, Host: "127.0.0.1", name: name, users: peerUsers()}, err
}

// startPeer is StartCourier and StartPostfix: a private server for one
// test, stopped by t.Cleanup (with its log's tail if the test failed).
func startPeer[S interface {
	LogTail(int) string
	shutdown()
}](t testing.TB, need func(testing.TB), start func() (S, error)) S {
	t.Helper()
	need(t)
	s, err := start()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("mailtest: %s", s.LogTail(40))
		}
		s.shutdown()
	})
	return s
}
