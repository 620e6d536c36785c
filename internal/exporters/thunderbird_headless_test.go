package exporters

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// offlineProfile uses .invalid hosts and no checks at startup, so Thunderbird
// accepts and materialises the account without a network or a password.
func offlineProfile() profile.Profile {
	p := sampleProfile()
	p.Incoming.Host, p.Outgoing.Host = "pop.example.invalid", "smtp.example.invalid"
	p.POP.CheckIntervalMinutes = 0
	return p
}

// loadedServer is what Thunderbird's account manager reports for one account.
type loadedServer struct {
	Key, Type, Host, User, Marker, LocalPath, SMTPHost string
	Port, SocketType, AuthMethod, SMTPPort, SMTPSocket int
	Leave, DeleteByAge, DeleteLeft                     bool
}

// listAccountsJS asks the running Thunderbird for every account it loaded.
// Reading localPath makes Thunderbird create the account's mail directory.
const listAccountsJS = `
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const out = [];
for (const a of MailServices.accounts.accounts) {
  const s = a.incomingServer, r = {Key: s.key, Type: s.type, Host: s.hostname, Port: s.port, User: s.username,
    SocketType: s.socketType, AuthMethod: s.authMethod, Marker: s.getStringValue("setupwiz_profile"), LocalPath: s.localPath.path};
  if (s.type == "pop3") {
    const p = s.QueryInterface(Ci.nsIPop3IncomingServer);
    Object.assign(r, {Leave: p.leaveMessagesOnServer, DeleteByAge: p.deleteByAgeFromServer, DeleteLeft: p.deleteMailLeftOnServer});
    const o = MailServices.outgoingServer.getServerByIdentity(a.defaultIdentity).QueryInterface(Ci.nsISmtpServer);
    Object.assign(r, {SMTPHost: o.hostname, SMTPPort: o.port, SMTPSocket: o.socketType});
  }
  out.push(r);
}
resolve(out);`

// TestThunderbirdAcceptsTheAccount starts the real Thunderbird headless once
// per install path (a user.js in a new profile, a prefs.js merge into a
// profile with an account), asks its account manager (over Marionette) which
// accounts it loaded, and after a clean quit checks that prefs.js still lists
// the same accounts and records the account's mail directory. A dropped
// account fails at once: the account manager's list lacks it.
func TestThunderbirdAcceptsTheAccount(t *testing.T) {
	mailtest.NeedTool(t, "thunderbird")
	t.Parallel()
	t.Run("user.js", func(t *testing.T) {
		t.Parallel()
		dir := tbProfileDir(t, marionettePrefs)
		writeFile(t, dir, "user.js", export(t, Thunderbird(), offlineProfile(), opts()), 0o600)
		checkLoaded(t, dir, "account1,account2", "server1")
	})
	t.Run("prefs.js merge", func(t *testing.T) {
		t.Parallel()
		dir := tbProfileDir(t, strings.ReplaceAll(existingPrefs, ".example.org", ".example.invalid")+marionettePrefs)
		pl := &Placer{ThunderbirdProfile: dir, Now: fixedNow}
		plans, err := pl.Plan([]string{TargetThunderbird}, offlineProfile(), opts())
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := pl.Apply(plans); err != nil {
			t.Fatal(err)
		}
		prefs := checkLoaded(t, dir, "account1,account2,account3", "server3")
		checkEq(t, "the old account", prefs.str("mail.server.server1.hostname"), "imap.example.invalid")
	})
	t.Run("a dropped account is noticed", func(t *testing.T) {
		t.Parallel()
		dir := tbProfileDir(t, marionettePrefs)
		js := strings.Replace(string(export(t, Thunderbird(), offlineProfile(), opts())), ".server1.hostname", ".server1.hostName", 1)
		writeFile(t, dir, "user.js", []byte(js), 0o600)
		tb := startThunderbird(t, dir)
		var loaded []loadedServer
		tb.script(&loaded, listAccountsJS)
		tb.quit()
		if s, ok := loadedByKey(loaded, "server1"); ok && s.Host == "pop.example.invalid" {
			t.Errorf("an account written with hostName was loaded as %+v: the check would not see a dropped account", s)
		}
	})
}

// checkLoaded runs Thunderbird on dir, checks the account under key server
// as loaded and as saved, and returns the prefs.js Thunderbird wrote.
func checkLoaded(t *testing.T, dir, accounts, server string) prefMap {
	t.Helper()
	tb := startThunderbird(t, dir)
	var loaded []loadedServer
	tb.script(&loaded, listAccountsJS)
	tb.quit()
	checkLoadedServer(t, findLoaded(t, loaded, server))
	if strings.Contains(tb.output.String(), "prefs parse error") {
		t.Errorf("Thunderbird could not parse the prefs:\n%s", tb.output)
	}
	prefs := parsePrefs([]byte(readFile(t, filepath.Join(dir, "prefs.js"))))
	checkEq(t, "accounts after the start", prefs.str("mail.accountmanager.accounts"), accounts)
	if !strings.Contains(prefs.str("mail.server."+server+".directory-rel"), "Mail/pop.example.invalid") {
		t.Errorf("Thunderbird did not record the mail directory: %q", prefs.str("mail.server."+server+".directory-rel"))
	}
	return prefs
}

func findLoaded(t *testing.T, loaded []loadedServer, key string) loadedServer {
	t.Helper()
	s, ok := loadedByKey(loaded, key)
	if !ok {
		t.Fatalf("Thunderbird dropped the account: server %s is not among the loaded accounts %+v", key, loaded)
	}
	return s
}

func loadedByKey(loaded []loadedServer, key string) (loadedServer, bool) {
	for _, s := range loaded {
		if s.Key == key {
			return s, true
		}
	}
	return loadedServer{}, false
}

func checkLoadedServer(t *testing.T, s loadedServer) {
	t.Helper()
	checkEq(t, "type", s.Type, "pop3")
	checkEq(t, "incoming", s.Host+":"+itoa(s.Port), "pop.example.invalid:995")
	checkEq(t, "socketType (3 = SSL)", s.SocketType, 3)
	checkEq(t, "authMethod (3 = normal password)", s.AuthMethod, 3)
	checkEq(t, "username", s.User, "jane@example.test")
	checkEq(t, "leave on server", s.Leave, true)
	checkEq(t, "delete by age", s.DeleteByAge, false)
	checkEq(t, "delete when deleted locally", s.DeleteLeft, false)
	checkEq(t, "marker", s.Marker, "jane@example.test")
	checkEq(t, "outgoing", s.SMTPHost+":"+itoa(s.SMTPPort), "smtp.example.invalid:465")
	checkEq(t, "SMTP socketType", s.SMTPSocket, 3)
	if fi, err := os.Stat(s.LocalPath); err != nil || !fi.IsDir() || filepath.Base(s.LocalPath) != "pop.example.invalid" {
		t.Errorf("the account's mail directory %q: %v", s.LocalPath, err)
	}
}
