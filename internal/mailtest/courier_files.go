package mailtest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// courierPOP3Dir is where scripts/test-deps.sh unpacks Debian's courier-pop
// (apt-get download, dpkg-deb -x): installing it would remove Dovecot's
// POP3 server, since both provide pop3-server.
const courierPOP3Dir = "/usr/local/lib/setupwiz-test/courier-pop"

func courierLogin() string { return courierPOP3Dir + "/usr/lib/courier/courier/courierpop3login" }
func courierPOP3d() string { return courierPOP3Dir + "/usr/lib/courier/courier/courierpop3d" }

// installCert makes a CA and a server certificate; Courier wants the
// certificate and key in one PEM file. Its TLS helper runs unprivileged, so
// the throwaway key is world-readable.
func (c *Courier) installCert() error {
	certs, err := newCertSet()
	if err != nil {
		return err
	}
	c.CAFile, c.CAPool = filepath.Join(c.Dir, "ca.crt"), certs.pool
	if err := writeFileAtomic(c.CAFile, certs.caPEM, 0o644); err != nil {
		return err
	}
	c.certPEM = certs.certPEM
	return c.writePEM(certs.keyPEM)
}

// writePEM stores the certificate with key as Courier's pop3d.pem.
func (c *Courier) writePEM(key []byte) error {
	pem := append(append([]byte{}, c.certPEM...), key...)
	return writeFileAtomic(filepath.Join(c.Dir, "etc", "pop3d.pem"), pem, 0o644)
}

// BreakTLSKey puts a key that does not match the certificate beside it, as
// an administrator's mistake would. couriertls reads the file for every
// connection, so the next handshake fails on the server's side (its
// signature does not verify against its own certificate).
func (c *Courier) BreakTLSKey(t testing.TB) {
	t.Helper()
	other, err := newCertSet()
	if err == nil {
		err = c.writePEM(other.keyPEM)
	}
	if err != nil {
		t.Fatalf("mailtest: break Courier's key: %v", err)
	}
}

// writeUserdb writes the authdaemon configuration and the userdb source
// (login, TAB, fields separated by |), which makeuserdb compiles at start.
func (c *Courier) writeUserdb() error {
	rc := "authmodulelist=\"authuserdb\"\ndaemons=3\nauthdaemonvar=/run/courier/authdaemon\nDEBUG_LOGIN=0\nDEFAULTOPTIONS=\"\"\n"
	if err := writeFileAtomic(filepath.Join(c.Dir, "etc", "authdaemonrc"), []byte(rc), 0o644); err != nil {
		return err
	}
	var b strings.Builder
	for _, u := range c.users {
		hash, err := cryptSHA512(u.Password)
		if err != nil {
			return err
		}
		home := filepath.Join(c.Dir, "home", shortName(u))
		fmt.Fprintf(&b, "%s\thome=%s|uid=%d|gid=%d|mail=%s/Maildir|systempw=%s\n",
			u.Login, home, c.id.mailUID, c.id.mailGID, home, hash)
	}
	return writeFileAtomic(filepath.Join(c.Dir, "etc", "userdb"), []byte(b.String()), 0o600)
}

func (c *Courier) makeMailboxes() error {
	for _, u := range c.users {
		if err := makeMaildir(c.id, filepath.Join(c.Dir, "home", shortName(u))); err != nil {
			return err
		}
	}
	return aliceFixtures(c.id, filepath.Join(c.Dir, "home", "alice", "Maildir"))
}

// launcher is the script run in Courier's namespaces: our etc/ and
// authdaemon/ over the compiled-in paths, the user database compiled, the
// authentication daemon and both ports started.
func (c *Courier) launcher() string {
	q := shellQuote
	tcpd := "couriertcpd -address=127.0.0.1 -nodnslookup -noidentlookup -maxprocs=200 -maxperip=200"
	pop3 := q(courierLogin()) + " " + q(courierPOP3d()) + " Maildir"
	return strings.Join([]string{
		"mkdir -p /run/courier/authdaemon /etc/courier",
		"mount --bind " + q(filepath.Join(c.Dir, "etc")) + " /etc/courier",
		"mount --bind " + q(filepath.Join(c.Dir, "authdaemon")) + " /run/courier/authdaemon",
		"makeuserdb",
		"authdaemond start",
		"export POP3AUTH='' POP3AUTH_TLS='LOGIN PLAIN' COURIERTLS=/usr/bin/couriertls TLS_CERTFILE=/etc/courier/pop3d.pem TLS_VERIFYPEER=NONE MAILDIRPATH=Maildir",
		fmt.Sprintf("POP3_STARTTLS=YES POP3_TLS_REQUIRED=1 %s %d %s &", tcpd, c.POP3STLS, pop3),
		fmt.Sprintf("POP3_TLS=1 POP3_STARTTLS=NO POP3_TLS_REQUIRED=0 %s %d /usr/bin/couriertls -server -tcpd %s &", tcpd, c.POP3S, pop3),
		"exec sleep infinity",
	}, "\n") + "\n"
}
