package mailtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Postfix is a running Postfix 3.7 submission server on loopback whose
// Cyrus SASL checks passwords against a sasldb: STARTTLS on one port with
// smtpd_tls_auth_only (AUTH is offered only after STARTTLS, as on most
// real submission servers) and implicit TLS (wrapper mode) on another.
// Everything it accepts is relayed to Sink. Its users are alice, bob and
// erin, with the passwords they have on the Dovecot server.
type Postfix struct {
	peer // Dir holds conf/, queue/, data/, sasldb2 and postfix.log

	Submission  int // STARTTLS; AUTH only after it
	Submissions int // implicit TLS

	Sink *Sink // the relay target: every accepted message lands here
}

// StartPostfix runs a private Postfix for a test; t.Cleanup stops it.
func StartPostfix(t testing.TB) *Postfix {
	t.Helper()
	return startPeer(t, needPostfix, newPostfix)
}

func needPostfix(t testing.TB) {
	t.Helper()
	NeedTool(t, "postfix")
	needRoot(t, "Postfix")
}

func newPostfix() (*Postfix, error) {
	pe, err := newPeer("postfix")
	if err != nil {
		return nil, err
	}
	p := &Postfix{peer: pe}
	return bringUp(p, p.Dir)
}

func (p *Postfix) confDir() string { return filepath.Join(p.Dir, "conf") }

// run writes the configuration for fresh ports and starts Postfix.
func (p *Postfix) run() error {
	return p.onFreshPorts(2, func(ports []int) error {
		p.Submission, p.Submissions = ports[0], ports[1]
		return p.boot(p.readyProbes())
	})
}

func (p *Postfix) boot(ready []readyProbe) error {
	if err := p.writeConfig(); err != nil {
		return err
	}
	// The shell stays the namespace's init: when it is killed (with our
	// process, by unshare --kill-child), the kernel ends every process in it.
	script := "postfix -c " + shellQuote(p.confDir()) + " start-fg &\nwait\n"
	return p.launch(script, p.logFile(), ready)
}

func (p *Postfix) readyProbes() []readyProbe {
	const greeting = "220 localhost ESMTP Postfix"
	return []readyProbe{{p.Submission, nil, greeting}, {p.Submissions, probeTLS(p.CAPool), greeting}}
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
