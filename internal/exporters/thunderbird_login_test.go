package exporters

import (
	"encoding/base64"
	"encoding/pem"
	"os"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// fetchWithThunderbirdJS trusts the harness CA, gives the POP3 server of the
// exported account its password (in memory only: Thunderbird reads passwords
// from its login store, never from prefs), downloads new mail the way the
// Get Messages button does and returns the exit code and the Inbox count.
const fetchWithThunderbirdJS = `
const [key, caBase64, password] = arguments;
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const certdb = Cc["@mozilla.org/security/x509certdb;1"].getService(Ci.nsIX509CertDB);
if (caBase64) certdb.addCertFromBase64(caBase64, "C,,");
const account = MailServices.accounts.accounts.find(a => a.incomingServer.key == key);
if (!account) { resolve({Error: "no account with server " + key}); return; }
const server = account.incomingServer;
server.password = password;
const inbox = server.rootMsgFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
const code = await new Promise(done => MailServices.pop3.GetNewMail(null, {
  OnStartRunningUrl() {},
  OnStopRunningUrl(url, status) { done(status); },
}, inbox, server));
resolve({Status: code, Inbox: inbox.getTotalMessages(false)});`

// sendWithThunderbirdJS sends a message file through the SMTP server of
// the exported identity (password in memory, as above) and returns the status.
const sendWithThunderbirdJS = `
const [key, path, to, password] = arguments;
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const account = MailServices.accounts.accounts.find(a => a.incomingServer.key == key);
const identity = account.defaultIdentity;
const smtp = MailServices.outgoingServer.getServerByIdentity(identity);
const file = Cc["@mozilla.org/file/local;1"].createInstance(Ci.nsIFile);
file.initWithPath(path);
const rcpt = MailServices.headerParser.makeFromDisplayAddress(to);
const status = await new Promise(done => smtp.sendMailMessage(file, rcpt, [], identity, identity.email, password,
  null, false, "<setupwiz-" + key + "@example.test>", {onSendStart() {}, onSendStop(uri, code) { done(code); }}));
resolve({Status: status});`

// TestThunderbirdFetchesAndSendsThroughDovecot installs the exported user.js
// into a new profile and has the real Thunderbird download alice's mail from
// the harness and send a message through it, over implicit TLS and over
// STLS/STARTTLS on the strict ports (where a password before the upgrade is
// refused). Leave on server: the mailbox keeps its mail.
func TestThunderbirdFetchesAndSendsThroughDovecot(t *testing.T) {
	mailtest.NeedTool(t, "thunderbird")
	t.Parallel()
	s := mailtest.Shared(t)
	alice := s.User("alice")
	ca := harnessCABase64(t, s.CAFile)
	for _, c := range []struct {
		sec  profile.Security
		port int
	}{{profile.SecurityTLS, s.POP3S}, {profile.SecuritySTARTTLS, s.POP3STLS}} {
		t.Run(c.sec.String(), func(t *testing.T) {
			t.Parallel()
			p := dovecotProfile(s, alice, c.sec, c.port)
			if c.sec == profile.SecuritySTARTTLS { // the strict submission port: no AUTH before STARTTLS
				p.Outgoing.Security, p.Outgoing.Port = c.sec, s.SubmissionSTARTTLS
			}
			p.POP.CheckIntervalMinutes = 0 // no login at startup: the script's fetch is the only one
			dir := tbProfileDir(t, marionettePrefs)
			writeFile(t, dir, "user.js", export(t, Thunderbird(), p, opts()), 0o600)
			before := countMaildir(t, s.Maildir(alice.Login))
			tb := startThunderbird(t, dir)
			var got struct{ Status, Inbox int }
			tb.script(&got, fetchWithThunderbirdJS, "server1", ca, alice.Password)
			subject := "setupwiz Thunderbird " + c.sec.String() + " send test"
			msg := writeFile(t, t.TempDir(), "msg.eml", []byte("From: "+alice.Email+"\r\nTo: bob@example.test\r\nSubject: "+subject+"\r\n\r\nhello\r\n"), 0o600)
			var sent struct{ Status int }
			tb.script(&sent, sendWithThunderbirdJS, "server1", msg, "bob@example.test", alice.Password)
			tb.quit()
			if got.Status != 0 || got.Inbox != before || before == 0 {
				t.Errorf("Thunderbird's fetch ended with status %#x and %d messages in the Inbox, want 0 and %d\n%s", uint32(got.Status), got.Inbox, before, tb.output)
			}
			if sent.Status != 0 || !sinkHas(s, subject) {
				t.Errorf("Thunderbird's send ended with status %#x; the sink has it: %v\n%s", uint32(sent.Status), sinkHas(s, subject), tb.output)
			}
			if after := countMaildir(t, s.Maildir(alice.Login)); after != before {
				t.Errorf("leave on server: alice's mailbox went from %d to %d messages", before, after)
			}
		})
	}
}

// harnessCABase64 is the DER of the harness CA in base64, as nsIX509CertDB takes it.
func harnessCABase64(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s holds no PEM block", path)
	}
	return base64.StdEncoding.EncodeToString(block.Bytes)
}

func sinkHas(s *mailtest.Server, subject string) bool {
	for _, m := range s.Sink.Messages() {
		if strings.Contains(string(m.Data), "Subject: "+subject) {
			return true
		}
	}
	return false
}
