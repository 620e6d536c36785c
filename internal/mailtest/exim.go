package mailtest

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// eximBinary is where scripts/test-deps.sh unpacks Debian's
// exim4-daemon-light (apt-get download, dpkg-deb -x): installing it would
// remove Postfix, since both are a mail-transport-agent.
const eximBinary = "/usr/local/lib/setupwiz-test/exim4/usr/sbin/exim4"

// Exim is a running Exim 4.96 submission server on loopback: STARTTLS on
// one port, AUTH (PLAIN, LOGIN) offered only over TLS, and implicit TLS on
// another. Its passwords are checked against a file of its own. Exim logs
// any line it does not understand as an SMTP syntax error, which makes it
// the judge of a client that sends more than the protocol allows (go-smtp's
// "*" after a final AUTH reply). It accepts messages into its queue and
// delivers nothing.
type Exim struct {
	peer // Dir holds exim.conf, passwd, spool/, log/ and the TLS files

	Submission  int // STARTTLS; AUTH only after it
	Submissions int // implicit TLS
}

// StartExim runs a private Exim for a test; t.Cleanup stops it.
func StartExim(t testing.TB) *Exim {
	t.Helper()
	return startPeer(t, needExim, newExim)
}

func needExim(t testing.TB) {
	t.Helper()
	NeedTool(t, eximBinary, "unshare")
	needRoot(t, "Exim")
}

func newExim() (*Exim, error) {
	p, err := newPeer("exim")
	if err != nil {
		return nil, err
	}
	e := &Exim{peer: p}
	e.log = filepath.Join(e.Dir, "log", "mainlog")
	return bringUp(e, e.Dir)
}

// prepare writes the certificate and the password file, owned by Exim's
// user, which the daemon runs as.
func (e *Exim) prepare() error {
	if err := e.scaffold(0o750, "spool", "log", "tls"); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(e.Dir, "passwd"), []byte(eximPasswd(e.users)), 0o600); err != nil {
		return err
	}
	return chownTree(e.Dir, "Debian-exim")
}

// eximPasswd is an lsearch file: "login: password". lsearch returns the
// rest of the line as it is (quotes included), and the lookup's result is
// not expanded again, so no character of a password needs escaping.
func eximPasswd(users []User) string {
	var b strings.Builder
	for _, u := range users {
		fmt.Fprintf(&b, "%s: %s\n", u.Login, u.Password)
	}
	return b.String()
}

// chownTree gives dir and everything in it to the system user name.
func chownTree(dir, name string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("the system user %s is missing (scripts/test-deps.sh creates it): %w", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	})
}

func (e *Exim) run() error {
	return e.onFreshPorts(2, func(ports []int) error {
		e.Submission, e.Submissions = ports[0], ports[1]
		return e.boot()
	})
}

func (e *Exim) boot() error {
	conf := filepath.Join(e.Dir, "exim.conf")
	if err := writeFileAtomic(conf, []byte(e.config()), 0o644); err != nil {
		return err
	}
	script := shellQuote(eximBinary) + " -C " + shellQuote(conf) + " -bdf &\nwait\n"
	const greeting = "220 localhost ESMTP Exim"
	probes := []readyProbe{{e.Submission, nil, greeting}, {e.Submissions, probeTLS(e.CAPool), greeting}}
	return e.launch(script, filepath.Join(e.Dir, "exim.log"), probes)
}

// config is exim.conf: both ports, TLS, AUTH only over TLS, the password
// file for PLAIN and LOGIN, and a log line for each session without a
// message that lists its commands (C=EHLO,STARTTLS,EHLO,AUTH,QUIT). queue_only: nothing is delivered (a
// delivery would re-execute Exim from its compiled-in path).
func (e *Exim) config() string {
	d := e.Dir
	check := `${if eq{%s}{${lookup{%s}lsearch{` + d + `/passwd}}}}`
	return fmt.Sprintf(`# written by internal/mailtest
primary_hostname = localhost
spool_directory = %[1]s/spool
log_file_path = %[1]s/log/%%slog
log_selector = +smtp_no_mail +smtp_syntax_error +smtp_protocol_error
keep_environment =
daemon_smtp_ports = %[2]d : %[3]d
tls_on_connect_ports = %[3]d
local_interfaces = 127.0.0.1
tls_certificate = %[1]s/tls/server.crt
tls_privatekey = %[1]s/tls/server.key
tls_advertise_hosts = *
auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}
queue_only = true
acl_smtp_rcpt = acl_check_rcpt
begin acl
acl_check_rcpt:
  accept authenticated = *
  deny
begin authenticators
PLAIN:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = %[4]s
  server_set_id = $auth2
LOGIN:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = %[5]s
  server_set_id = $auth1
`, d, e.Submission, e.Submissions, fmt.Sprintf(check, "$auth3", "$auth2"), fmt.Sprintf(check, "$auth2", "$auth1"))
}

// shutdown stops Exim and removes the scratch directory.
func (e *Exim) shutdown() {
	e.halt()
	os.RemoveAll(e.Dir)
}
