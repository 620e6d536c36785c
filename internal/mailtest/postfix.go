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

// Postfix is a running Postfix 3.7 submission server on loopback whose
// Cyrus SASL checks passwords against a sasldb: STARTTLS on one port with
// smtpd_tls_auth_only (AUTH is offered only after STARTTLS, as on most
// real submission servers) and implicit TLS (wrapper mode) on another.
// Everything it accepts is relayed to Sink. Its users are alice, bob and
// erin, with the passwords they have on the Dovecot server.
type Postfix struct {
	Dir    string // scratch directory (conf/, queue/, data/, sasldb2, postfix.log)
	Host   string // "127.0.0.1"
	CAFile string
	CAPool *x509.CertPool

	Submission  int // STARTTLS; AUTH only after it
	Submissions int // implicit TLS

	Sink *Sink // the relay target: every accepted message lands here

	users []User
	proc  *childProcess
}

// StartPostfix runs a private Postfix for a test; t.Cleanup stops it.
func StartPostfix(t testing.TB) *Postfix {
	t.Helper()
	needPostfix(t)
	p, err := newPostfix()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("mailtest: %s", p.LogTail(40))
		}
		p.shutdown()
	})
	return p
}

func needPostfix(t testing.TB) {
	t.Helper()
	NeedTool(t, "postfix")
	needRoot(t, "Postfix")
}

func newPostfix() (*Postfix, error) {
	dir, err := makeScratch(rootIdentity())
	if err != nil {
		return nil, err
	}
	p := &Postfix{Dir: dir, Host: "127.0.0.1", users: peerUsers()}
	if err := p.prepare(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if p.Sink, err = startSink(os.Stderr); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := p.run(); err != nil {
		p.shutdown()
		return nil, err
	}
	return p, nil
}

// User returns a user by short name ("alice", "bob", "erin") or login.
func (p *Postfix) User(name string) User { return findUser(p.users, name) }

// Addr returns "127.0.0.1:port".
func (p *Postfix) Addr(port int) string { return net.JoinHostPort(p.Host, strconv.Itoa(port)) }

// Log returns what Postfix logged so far (maillog_file).
func (p *Postfix) Log() string {
	data, _ := os.ReadFile(p.logFile())
	return string(data)
}

// LogTail returns the last n lines of the log, for failure messages.
func (p *Postfix) LogTail(n int) string {
	return "--- postfix log (" + p.logFile() + ") ---\n" + lastLines(p.Log(), n)
}

func (p *Postfix) logFile() string { return filepath.Join(p.Dir, "postfix.log") }
func (p *Postfix) confDir() string { return filepath.Join(p.Dir, "conf") }

// run writes the configuration for fresh ports and starts Postfix,
// retrying when a port was taken in between.
func (p *Postfix) run() error {
	var err error
	for range 5 {
		var ports []int
		if ports, err = freePorts(2); err != nil {
			return err
		}
		p.Submission, p.Submissions = ports[0], ports[1]
		if err = p.boot(p.readyProbes()); err == nil {
			return nil
		}
		p.halt()
	}
	return err
}

func (p *Postfix) boot(ready []readyProbe) error {
	if err := p.writeConfig(); err != nil {
		return err
	}
	begin := time.Now()
	script := "exec postfix -c " + shellQuote(p.confDir()) + " start-fg\n"
	proc, err := startInNamespaces("postfix", p.Dir, script, p.logFile())
	if err != nil {
		return err
	}
	p.proc = proc
	if err := proc.waitReady(ready, begin.Add(startTimeout)); err != nil {
		return fmt.Errorf("start postfix: %w\n%s", err, p.LogTail(30))
	}
	return nil
}

func (p *Postfix) readyProbes() []readyProbe {
	const greeting = "220 localhost ESMTP Postfix"
	return []readyProbe{{p.Submission, nil, greeting}, {p.Submissions, probeTLS(p.CAPool), greeting}}
}

func (p *Postfix) halt() {
	if p.proc != nil {
		p.proc.stop()
		p.proc = nil
	}
}

// shutdown stops Postfix and the sink and removes the scratch directory.
func (p *Postfix) shutdown() {
	p.halt()
	if p.Sink != nil {
		p.Sink.close()
	}
	os.RemoveAll(p.Dir)
}

// BreakTLSKey replaces the server's private key with one that does not
// match its certificate and restarts Postfix on the same ports, as an
// administrator's mistake would: smtpd still lists STARTTLS but cannot
// start TLS. (postfix reload cannot be used: it would signal the pid in
// master.pid, which is the namespace's own.)
func (p *Postfix) BreakTLSKey(t testing.TB) {
	t.Helper()
	other, err := newCertSet()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	p.halt()
	if err := writeFileAtomic(filepath.Join(p.Dir, "tls", "server.key"), other.keyPEM, 0o600); err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	if err := p.boot(p.readyProbes()[:1]); err != nil { // the TLS port drops every connection now
		t.Fatalf("mailtest: restart postfix: %v", err)
	}
}
