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

// Courier is a running Courier POP3 server 1.0 (courierpop3login and
// courierpop3d, as Debian ships them) on loopback: STLS on a plain port
// that refuses logins before STLS, and POP3S through couriertls. Like Cyrus
// it hands the connection to a new process after the login, dropping any
// command a client pipelined behind it, and it delays every failed login
// by about 5 s. Its users are alice (with alice's fixtures), bob and erin,
// with the passwords they have on the Dovecot server.
type Courier struct {
	Dir    string // scratch directory (etc/, authdaemon/, home/, courier.log)
	Host   string // "127.0.0.1"
	CAFile string // PEM of the CA that signed the server certificate
	CAPool *x509.CertPool

	POP3STLS int // plain port; STLS required before a login (POP3_TLS_REQUIRED=1)
	POP3S    int // implicit TLS (couriertls -server -tcpd)

	users   []User
	id      identity
	certPEM []byte
	proc    *childProcess
}

// StartCourier runs a private Courier for a test; t.Cleanup stops it.
func StartCourier(t testing.TB) *Courier {
	t.Helper()
	needCourier(t)
	c, err := newCourier()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("mailtest: %s", c.LogTail(40))
		}
		c.shutdown()
	})
	return c
}

func needCourier(t testing.TB) {
	t.Helper()
	NeedTool(t, "courier")
	needRoot(t, "Courier")
}

func newCourier() (*Courier, error) {
	dir, err := makeScratch(rootIdentity())
	if err != nil {
		return nil, err
	}
	c := &Courier{Dir: dir, Host: "127.0.0.1", id: rootIdentity(), users: peerUsers()}
	if err := c.prepare(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.run(); err != nil {
		c.shutdown()
		return nil, err
	}
	return c, nil
}

// User returns a user by short name ("alice", "bob", "erin") or login.
func (c *Courier) User(name string) User { return findUser(c.users, name) }

// Addr returns "127.0.0.1:port".
func (c *Courier) Addr(port int) string { return net.JoinHostPort(c.Host, strconv.Itoa(port)) }

// Log returns what Courier logged so far (logins, disconnects, errors).
func (c *Courier) Log() string {
	data, _ := os.ReadFile(c.logFile())
	return string(data)
}

// LogTail returns the last n lines of the log, for failure messages.
func (c *Courier) LogTail(n int) string {
	return "--- courier log (" + c.logFile() + ") ---\n" + lastLines(c.Log(), n)
}

func (c *Courier) logFile() string { return filepath.Join(c.Dir, "courier.log") }

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

// run starts authdaemond and both ports, retrying on fresh ports when one
// was taken in between.
func (c *Courier) run() error {
	var err error
	for range 5 {
		var ports []int
		if ports, err = freePorts(2); err != nil {
			return err
		}
		c.POP3STLS, c.POP3S = ports[0], ports[1]
		if err = c.boot(); err == nil {
			return nil
		}
		c.halt()
	}
	return err
}

func (c *Courier) boot() error {
	begin := time.Now()
	proc, err := startInNamespaces("courier", c.Dir, c.launcher(), c.logFile())
	if err != nil {
		return err
	}
	c.proc = proc
	if err := proc.waitReady(c.readyProbes(), begin.Add(startTimeout)); err != nil {
		return fmt.Errorf("start courier: %w\n%s", err, c.LogTail(30))
	}
	return nil
}

func (c *Courier) readyProbes() []readyProbe {
	const greeting = "+OK Hello there."
	return []readyProbe{{c.POP3STLS, nil, greeting}, {c.POP3S, probeTLS(c.CAPool), greeting}}
}

func (c *Courier) halt() {
	if c.proc != nil {
		c.proc.stop()
		c.proc = nil
	}
}

// shutdown stops every Courier process and removes the scratch directory.
func (c *Courier) shutdown() {
	c.halt()
	os.RemoveAll(c.Dir)
}
