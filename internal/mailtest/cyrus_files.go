package mailtest

import (
	"fmt"
	"path/filepath"
	"strings"
)

// cyrusPOP3d is where scripts/test-deps.sh unpacks Debian's cyrus-pop3d
// (apt-get download, dpkg-deb -x): installing it would remove Dovecot's
// POP3 server, since both provide pop3-server. cyrus-common (master,
// lmtpd, deliver) installs normally.
const (
	cyrusPOP3d = "/usr/local/lib/setupwiz-test/cyrus-pop3d/usr/lib/cyrus/bin/pop3d"
	cyrusBin   = "/usr/lib/cyrus/bin"
)

// cyrusDirs are the directories Cyrus expects under its configdirectory
// (what Debian's postinst makes under /var/lib/cyrus), with the spool and
// the run directory of its sockets.
var cyrusDirs = []string{"lib", "lib/db", "lib/socket", "lib/proc", "lib/log", "lib/msg", "lib/user",
	"lib/quota", "lib/ptclient", "lib/sync", "spool", "run", "tls", "fixtures"}

// prepare writes the directories, the certificate, imapd.conf, the sasldb
// and alice's fixtures, all owned by the cyrus system user (master drops
// to it), and opens the syslog socket.
func (c *Cyrus) prepare() error {
	if err := c.scaffold(0o755, cyrusDirs...); err != nil {
		return err
	}
	for _, step := range []func() error{c.writeConfig, c.writeSasldb, c.writeFixtures} {
		if err := step(); err != nil {
			return err
		}
	}
	if err := chownTree(c.Dir, "cyrus"); err != nil {
		return err
	}
	sink, err := newSyslogSink(c.syslogSocket(), c.logFile()) // the last step: nothing after it can fail
	c.syslog = sink
	return err
}

// writeConfig writes imapd.conf and setup.conf, the master configuration
// that only delivers alice's fixtures (LMTP on a socket) before the POP3
// ports open.
func (c *Cyrus) writeConfig() error {
	d := c.Dir
	conf := strings.Join([]string{
		"configdirectory: " + d + "/lib",
		"partition-default: " + d + "/spool",
		"servername: localhost", // the SASL realm of a login without a domain
		"admins: cyrus",
		"sasl_pwcheck_method: auxprop",
		"sasl_auxprop_plugin: sasldb",
		"sasl_sasldb_path: " + d + "/sasldb2",
		"sasl_mech_list: PLAIN LOGIN",
		"allowplaintext: no", // no password before STLS
		"tls_server_cert: " + d + "/tls/server.crt",
		"tls_server_key: " + d + "/tls/server.key",
		"unixhierarchysep: yes",
		"virtdomains: userid",
		"autocreate_quota: 0", // an INBOX is made at the first login
		"autocreate_post: 1",  // and at the first delivery
		"lmtpsocket: " + d + "/run/lmtp",
		"idlesocket: " + d + "/run/idle",
		"notifysocket: " + d + "/run/notify",
		"mboxname_lockpath: " + d + "/run/lock",
		"proc_path: " + d + "/run/proc",
	}, "\n") + "\n"
	setup := c.masterConf(`recover cmd="`+cyrusBin+`/ctl_cyrusdb -r -C `+d+`/imapd.conf"`,
		`lmtpunix cmd="`+cyrusBin+`/lmtpd -C `+d+`/imapd.conf" listen="`+d+`/run/lmtp" prefork=0`)
	if err := writeFileAtomic(filepath.Join(d, "imapd.conf"), []byte(conf), 0o644); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(d, "setup.conf"), []byte(setup), 0o644)
}

// writeServices writes cyrus.conf with the POP3 ports of this boot.
func (c *Cyrus) writeServices() error {
	conf := filepath.Join(c.Dir, "imapd.conf")
	services := c.masterConf("",
		fmt.Sprintf(`pop3 cmd="%s -C %s" listen="127.0.0.1:%d" prefork=0`, cyrusPOP3d, conf, c.POP3STLS),
		fmt.Sprintf(`pop3s cmd="%s -s -C %s" listen="127.0.0.1:%d" prefork=0`, cyrusPOP3d, conf, c.POP3S))
	return writeFileAtomic(filepath.Join(c.Dir, "cyrus.conf"), []byte(services), 0o644)
}

// masterConf is a cyrus.conf: what runs at start, and the services.
func (c *Cyrus) masterConf(start string, services ...string) string {
	return "START {\n  " + start + "\n}\nSERVICES {\n  " + strings.Join(services, "\n  ") + "\n}\nEVENTS {\n}\n"
}

// writeSasldb stores each user with saslpasswd2 (the password on stdin):
// a login with a domain is user@realm, one without lives in the realm of
// servername.
func (c *Cyrus) writeSasldb() error {
	for _, u := range c.users {
		name, realm, ok := strings.Cut(u.Login, "@")
		if !ok {
			realm = "localhost"
		}
		if err := saslpasswd(filepath.Join(c.Dir, "sasldb2"), name, realm, u.Password); err != nil {
			return err
		}
	}
	return nil
}

// writeFixtures writes alice's messages for the launcher to deliver.
func (c *Cyrus) writeFixtures() error {
	for i, m := range aliceMessages() {
		path := filepath.Join(c.Dir, "fixtures", fmt.Sprintf("%d.eml", i+1))
		if err := writeFileAtomic(path, m.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// launcher is the script run in Cyrus's namespaces. /dev becomes a tmpfs
// with the few devices Cyrus opens and our syslog socket as /dev/log; a
// first master delivers alice's fixtures over LMTP (once, also when a boot
// is retried on other ports), then the master with the POP3 ports runs.
func (c *Cyrus) launcher() string {
	q := shellQuote
	d := c.Dir
	master := func(conf, pid string) string {
		return q(cyrusBin+"/master") + " -C " + q(d+"/imapd.conf") + " -M " + q(d+"/"+conf) + " -p " + q(d+"/run/"+pid) + " -D"
	}
	return strings.Join([]string{
		"mkdir -p " + q(d+"/run/dev"),
		"mount --rbind /dev " + q(d+"/run/dev"),
		"mount -t tmpfs -o mode=755 tmpfs /dev",
		"for n in null zero full random urandom; do touch /dev/$n; mount --bind " + q(d+"/run/dev") + "/$n /dev/$n; done",
		"touch /dev/log && mount --bind " + q(c.syslogSocket()) + " /dev/log",
		"if [ ! -e " + q(d+"/run/delivered") + " ]; then",
		"  " + master("setup.conf", "setup.pid") + " &",
		"  m=$!",
		"  i=0; while [ ! -S " + q(d+"/run/lmtp") + " ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done",
		"  for f in " + q(d+"/fixtures") + "/*.eml; do " + q(cyrusBin+"/deliver") + " -C " + q(d+"/imapd.conf") +
			" -a alice@example.test alice@example.test < \"$f\"; done",
		"  kill $m 2>/dev/null || true; wait $m || true",
		"  touch " + q(d+"/run/delivered"),
		"fi",
		"exec " + master("cyrus.conf", "master.pid"),
	}, "\n") + "\n"
}
