package mailtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// prepare makes the directories, the certificate and the sasldb, and
// starts the sink Postfix relays to.
func (p *Postfix) prepare() error {
	if err := p.scaffold(0o755, "conf", "conf/sasl", "queue", "data", "tls"); err != nil {
		return err
	}
	if err := p.chownToPostfix(filepath.Join(p.Dir, "data")); err != nil {
		return err
	}
	if err := p.writeSasldb(); err != nil {
		return err
	}
	sink, err := startSink(os.Stderr) // the last step: nothing after it can fail
	p.Sink = sink
	return err
}

// writeSasldb stores each user with saslpasswd2 (the password on stdin).
// A login with a domain is user@realm; one without lives in the realm
// Cyrus gives bare names, the server's name (myhostname, "localhost").
func (p *Postfix) writeSasldb() error {
	db := filepath.Join(p.Dir, "sasldb2")
	for _, u := range p.users {
		name, realm, ok := strings.Cut(u.Login, "@")
		if !ok {
			realm = "localhost"
		}
		if err := saslpasswd(db, name, realm, u.Password); err != nil {
			return err
		}
	}
	return p.chownToPostfix(db)
}

func saslpasswd(db, name, realm, password string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "saslpasswd2", "-p", "-c", "-f", db, "-u", realm, name)
	cmd.Stdin = strings.NewReader(password)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("saslpasswd2 for %s@%s: %w: %s", name, realm, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// chownToPostfix gives path to the postfix system user (smtpd reads the
// sasldb as that user; the master locks files in data/).
func (p *Postfix) chownToPostfix(path string) error {
	u, err := user.Lookup("postfix")
	if err != nil {
		return fmt.Errorf("the postfix system user is missing (install postfix): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	return os.Chown(path, uid, -1)
}

// writeConfig writes main.cf, master.cf and the Cyrus SASL settings. Debian's
// Postfix reads sasl/smtpd.conf from its configuration directory.
func (p *Postfix) writeConfig() error {
	files := map[string]string{
		"main.cf":         p.mainCF(),
		"master.cf":       p.masterCF(),
		"sasl/smtpd.conf": fmt.Sprintf("pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: %s\nmech_list: PLAIN LOGIN\n", filepath.Join(p.Dir, "sasldb2")),
	}
	for name, text := range files {
		if err := writeFileAtomic(filepath.Join(p.confDir(), name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (p *Postfix) mainCF() string {
	d := p.Dir
	return fmt.Sprintf(`# written by internal/mailtest
compatibility_level = 3.6
queue_directory = %[1]s/queue
data_directory = %[1]s/data
mail_owner = postfix
myhostname = localhost
mydomain = localhost
myorigin = localhost
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
relayhost = [127.0.0.1]:%[2]d
maillog_file = /dev/stdout
smtpd_tls_cert_file = %[1]s/tls/server.crt
smtpd_tls_key_file = %[1]s/tls/server.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
smtpd_relay_restrictions = permit_sasl_authenticated, reject
alias_maps =
alias_database =
smtputf8_enable = no
biff = no
`, d, p.Sink.port)
}

// masterCF lists the services a submission server that relays needs, none
// chrooted, and our two smtpd ports.
func (p *Postfix) masterCF() string {
	services := []string{
		"pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
		"tlsmgr unix - - n 1000? 1 tlsmgr", "rewrite unix - - n - - trivial-rewrite",
		"bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce", "trace unix - - n - 0 bounce",
		"verify unix - - n - 1 verify", "flush unix n - n 1000? 0 flush", "proxymap unix - - n - - proxymap",
		"proxywrite unix - - n - 1 proxymap", "smtp unix - - n - - smtp", "relay unix - - n - - smtp",
		"showq unix n - n - - showq", "error unix - - n - - error", "retry unix - - n - - error",
		"discard unix - - n - - discard", "local unix - n n - - local", "virtual unix - n n - - virtual",
		"lmtp unix - - n - - lmtp", "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache",
		"postlog unix-dgram n - n - 1 postlogd",
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd -o smtpd_sasl_auth_enable=yes", p.Submission),
		fmt.Sprintf("127.0.0.1:%d inet n - n - - smtpd -o smtpd_sasl_auth_enable=yes -o smtpd_tls_wrappermode=yes", p.Submissions),
	}
	return "# written by internal/mailtest\n" + strings.Join(services, "\n") + "\n"
}
