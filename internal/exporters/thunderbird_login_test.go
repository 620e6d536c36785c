package exporters

import (
	"encoding/base64"
	"encoding/pem"
	"os"
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
certdb.addCertFromBase64(caBase64, "C,,");
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

// TestThunderbirdFetchesFromDovecot installs the exported user.js into a new
// profile and has the real Thunderbird download alice's mail from the
// harness, over implicit TLS and over STLS on the strict port (where a
// password before STLS is refused). Leave on server: the mailbox keeps its mail.
func TestThunderbirdFetchesFromDovecot(t *testing.T) {
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
			p.POP.CheckIntervalMinutes = 0 // no login at startup: the script's fetch is the only one
			dir := tbProfileDir(t, marionettePrefs)
			writeFile(t, dir, "user.js", export(t, Thunderbird(), p, opts()), 0o600)
			before := countMaildir(t, s.Maildir(alice.Login))
			tb := startThunderbird(t, dir)
			var got struct{ Status, Inbox int }
			tb.script(&got, fetchWithThunderbirdJS, "server1", ca, alice.Password)
			tb.quit()
			if got.Status != 0 || got.Inbox != before || before == 0 {
				t.Errorf("Thunderbird's fetch ended with status %#x and %d messages in the Inbox, want 0 and %d\n%s", uint32(got.Status), got.Inbox, before, tb.output)
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
