package mailtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Cyrus is a running Cyrus IMAP 3.6 POP3 server (pop3d under Cyrus's
// master, as Debian ships them) on loopback: STLS on a plain port that
// refuses logins before STLS (allowplaintext: no), and POP3S. Like Courier
// it hands the connection to a new process after the login, and it delays
// a failed login by about 3 s. Passwords are checked by Cyrus SASL against
// a sasldb; alice (with alice's three fixtures, delivered over LMTP), bob
// and erin (a login without a domain) have the passwords they have on the
// Dovecot server. Its syslog goes to its own log (see syslogSink).
type Cyrus struct {
	peer // Dir holds imapd.conf, cyrus.conf, lib/, spool/, run/, tls/, fixtures/ and cyrus.log

	POP3STLS int // plain port; STLS required before a login
	POP3S    int // implicit TLS

	syslog *syslogSink
}

// StartCyrus runs a private Cyrus for a test; t.Cleanup stops it.
func StartCyrus(t testing.TB) *Cyrus {
	t.Helper()
	return startPeer(t, needCyrus, newCyrus)
}

func needCyrus(t testing.TB) {
	t.Helper()
	NeedTool(t, "cyrus")
	needRoot(t, "Cyrus")
}

func newCyrus() (*Cyrus, error) {
	p, err := newPeer("cyrus")
	if err != nil {
		return nil, err
	}
	c := &Cyrus{peer: p}
	return bringUp(c, c.Dir)
}

// run starts master on two fresh ports.
func (c *Cyrus) run() error {
	return c.onFreshPorts(2, func(ports []int) error {
		c.POP3STLS, c.POP3S = ports[0], ports[1]
		return c.boot()
	})
}

func (c *Cyrus) boot() error {
	if err := c.writeServices(); err != nil {
		return err
	}
	return c.launch(c.launcher(), c.logFile(), c.readyProbes())
}

func (c *Cyrus) readyProbes() []readyProbe {
	const greeting = "+OK localhost Cyrus POP3"
	return []readyProbe{{c.POP3STLS, nil, greeting}, {c.POP3S, probeTLS(c.CAPool), greeting}}
}

// shutdown stops master and its children, the log and removes the scratch directory.
func (c *Cyrus) shutdown() {
	c.halt()
	if c.syslog != nil {
		c.syslog.close()
	}
	os.RemoveAll(c.Dir)
}

func (c *Cyrus) syslogSocket() string { return filepath.Join(c.Dir, "run", "log.sock") }
