package mailtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Courier is a running Courier POP3 server 1.0 (courierpop3login and
// courierpop3d, as Debian ships them) on loopback: STLS on a plain port
// that refuses logins before STLS, and POP3S through couriertls. Like Cyrus
// it hands the connection to a new process after the login, dropping any
// command a client pipelined behind it, and it delays every failed login
// by about 5 s. Its users are alice (with alice's fixtures), bob and erin,
// with the passwords they have on the Dovecot server.
type Courier struct {
	peer // Dir holds etc/, authdaemon/, home/ and courier.log

	POP3STLS int // plain port; STLS required before a login (POP3_TLS_REQUIRED=1)
	POP3S    int // implicit TLS (couriertls -server -tcpd)

	id      identity
	certPEM []byte
}

// StartCourier runs a private Courier for a test; t.Cleanup stops it.
func StartCourier(t testing.TB) *Courier {
	t.Helper()
	return startPeer(t, needCourier, newCourier)
}

func needCourier(t testing.TB) {
	t.Helper()
	NeedTool(t, "courier")
	needRoot(t, "Courier")
}

func newCourier() (*Courier, error) {
	p, err := newPeer("courier")
	if err != nil {
		return nil, err
	}
	c := &Courier{peer: p, id: rootIdentity()}
	return bringUp(c, c.Dir)
}

// prepare writes the certificate, the configuration, the user database
// source and the Maildirs.
func (c *Courier) prepare() error {
	for _, sub := range []string{"etc", "authdaemon", "home"} {
		if err := os.Mkdir(filepath.Join(c.Dir, sub), 0o755); err != nil {
			return fmt.Errorf("create scratch directory: %w", err)
		}
	}
	if err := c.installCert(); err != nil {
		return err
	}
	if err := c.writeUserdb(); err != nil {
		return err
	}
	return c.makeMailboxes()
}

// run starts authdaemond and both ports, on fresh ports.
func (c *Courier) run() error {
	return c.onFreshPorts(2, func(ports []int) error {
		c.POP3STLS, c.POP3S = ports[0], ports[1]
		return c.boot()
	})
}

func (c *Courier) boot() error {
	return c.launch(c.launcher(), c.logFile(), c.readyProbes())
}

func (c *Courier) readyProbes() []readyProbe {
	const greeting = "+OK Hello there."
	return []readyProbe{{c.POP3STLS, nil, greeting}, {c.POP3S, probeTLS(c.CAPool), greeting}}
}

// shutdown stops every Courier process and removes the scratch directory.
func (c *Courier) shutdown() {
	c.halt()
	os.RemoveAll(c.Dir)
}
