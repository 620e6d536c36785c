package exporters

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// tbAccountConfig is the AccountConfig Thunderbird builds from a
// config-v1.1.xml, after its placeholders are replaced for one address.
type tbAccountConfig struct {
	ID, DisplayName string
	Domains         []string
	Incoming        tbConfigServer
	Outgoing        tbConfigServer
	Alternatives    int
}

type tbConfigServer struct {
	Type, Hostname, Username              string
	Port, SocketType, Auth                int
	LeaveMessagesOnServer, DownloadOnBiff bool
	DaysToLeaveMessagesOnServer           int
	DeleteByAge, DeleteWhenDeletedLocally bool
}

// readISPFileJS loads <dir>/isp/<domain>.xml through Thunderbird's own
// FetchConfig.fromDisk, the code that reads <install dir>/isp/ when the
// account wizard starts: the install directory (CurProcD) is pointed at dir
// for the call and restored afterwards. Then, as the wizard does, the
// placeholders are replaced for the address.
const readISPFileJS = `
const [dir, domain, email, realname] = arguments;
const { FetchConfig } = ChromeUtils.importESModule("resource:///modules/accountcreation/FetchConfig.sys.mjs");
const { AccountConfig } = ChromeUtils.importESModule("resource:///modules/accountcreation/AccountConfig.sys.mjs");
const install = Services.dirsvc.get("CurProcD", Ci.nsIFile);
const here = Cc["@mozilla.org/file/local;1"].createInstance(Ci.nsIFile);
here.initWithPath(dir);
Services.dirsvc.undefine("CurProcD");
Services.dirsvc.set("CurProcD", here);
let config;
try {
  config = await FetchConfig.fromDisk(domain, new AbortController().signal);
} finally {
  Services.dirsvc.undefine("CurProcD");
  Services.dirsvc.set("CurProcD", install);
}
AccountConfig.replaceVariables(config, realname, email, "");
const pick = s => ({Type: s.type, Hostname: s.hostname, Port: s.port, SocketType: s.socketType, Auth: s.auth,
  Username: s.username, LeaveMessagesOnServer: s.leaveMessagesOnServer, DownloadOnBiff: s.downloadOnBiff,
  DaysToLeaveMessagesOnServer: s.daysToLeaveMessagesOnServer, DeleteByAge: s.deleteByAgeFromServer,
  DeleteWhenDeletedLocally: s.deleteOnServerWhenLocalDelete});
resolve({ID: config.id, DisplayName: config.displayName, Domains: config.domains, Incoming: pick(config.incoming),
  Outgoing: pick(config.outgoing), Alternatives: config.incomingAlternatives.length});`

// TestThunderbirdReadsTheAutoconfigFile installs each exported
// config-v1.1.xml as isp/<domain>.xml and has the real Thunderbird load it
// the way its account wizard does; every setting must come back.
func TestThunderbirdReadsTheAutoconfigFile(t *testing.T) {
	mailtest.NeedTool(t, "thunderbird")
	t.Parallel()
	keep30 := sampleProfile()
	keep30.POP.KeepDays = 30
	odd := starttlsProfile()
	odd.Incoming.Username, odd.DisplayName = `o'brien&<co>"--`, `Seán & "Co" <x>`
	cases := []struct {
		name string
		p    profile.Profile
	}{{"tls-keep-forever", sampleProfile()}, {"tls-keep-30-days", keep30}, {"starttls-delete", odd}}
	tb := startThunderbird(t, tbProfileDir(t, marionettePrefs))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "isp"), 0o755); err != nil {
				t.Fatal(err)
			}
			_, domain, _ := profile.SplitEmail(c.p.Email)
			writeFile(t, filepath.Join(dir, "isp"), domain+".xml", export(t, ThunderbirdAutoconfig(), c.p, opts()), 0o644)
			var got tbAccountConfig
			tb.script(&got, readISPFileJS, dir, domain, c.p.Email, c.p.DisplayName)
			checkTBConfig(t, c.p, domain, got)
		})
	}
	tb.quit()
}

func checkTBConfig(t *testing.T, p profile.Profile, domain string, got tbAccountConfig) {
	t.Helper()
	checkEq(t, "id", got.ID, domain)
	checkEq(t, "domains", len(got.Domains) == 1 && got.Domains[0] == domain, true)
	checkEq(t, "incoming alternatives", got.Alternatives, 0)
	checkTBServer(t, "incoming", got.Incoming, p.Incoming, "pop3")
	checkTBServer(t, "outgoing", got.Outgoing, p.Outgoing, "smtp")
	in := got.Incoming
	checkEq(t, "leave on server", in.LeaveMessagesOnServer, p.POP.LeaveOnServer)
	checkEq(t, "download on biff", in.DownloadOnBiff, true)
	if p.POP.LeaveOnServer {
		checkEq(t, "days to leave on server", in.DaysToLeaveMessagesOnServer, autoconfigKeepDays(p.POP))
	}
	// What the file's header comments warn about: Thunderbird's own defaults,
	// which config-v1.1.xml cannot change. If this fails, update autoconfigHeader.
	checkEq(t, "Thunderbird deletes by age", in.DeleteByAge, true)
	checkEq(t, "Thunderbird deletes on the server when deleted locally", in.DeleteWhenDeletedLocally, true)
}

func checkTBServer(t *testing.T, which string, got tbConfigServer, want profile.Server, typ string) {
	t.Helper()
	checkEq(t, which+" type", got.Type, typ)
	checkEq(t, which+" hostname", got.Hostname, strings.ToLower(want.Host))
	checkEq(t, which+" port", got.Port, want.Port)
	checkEq(t, which+" socketType", got.SocketType, tbSocketType(want.Security))
	checkEq(t, which+" auth", got.Auth, tbAuthMethod(want.Auth))
	checkEq(t, which+" username", got.Username, want.Username)
}
