package exporters

import (
	"slices"
	"strconv"
	"strings"
)

// tbKeys names the pref branches one account uses. Thunderbird keys are
// accountN, serverN, idN and smtpN; a merge picks numbers no existing pref
// uses, and a repair finds the same keys again through the marker pref
// mail.server.<key>.setupwiz_profile, which Thunderbird keeps like any other
// user pref (and drops together with the account if the user deletes it).
type tbKeys struct {
	Account, Server, Identity, SMTP string
	// LocalAccount and LocalServer are set when Local Folders must be created.
	LocalAccount, LocalServer string
	LocalFolders              string   // server key of Local Folders (new or existing)
	Accounts                  []string // mail.accountmanager.accounts after the change
	SMTPServers               []string // mail.smtpservers after the change
	DefaultAccount            string   // set only when the profile has none
	DefaultSMTP               string   // set only when the profile has none
	LastKey                   int      // mail.account.lastKey after the change
}

const markerPref = "setupwiz_profile"

// freshKeys are the keys for an empty profile.
func freshKeys() tbKeys { return allocateKeys(prefMap{}, prefMap{}, "") }

// allocateKeys reuses the keys marked for profileName, else picks unused
// ones. existing is the whole prefs.js; outside is the same without this
// profile's managed block, which is about to be replaced: whatever only that
// block declared (Local Folders, the default account) is declared again,
// with the same keys, rather than taken as already there.
func allocateKeys(existing, outside prefMap, profileName string) tbKeys {
	k := findMarkedKeys(existing, profileName)
	next := newKeyCounter(existing)
	k.Account = orNext(k.Account, next, "account")
	k.Server = orNext(k.Server, next, "server")
	k.Identity = orNext(k.Identity, next, "id")
	k.SMTP = orNext(k.SMTP, next, "smtp")
	k.localFolders(existing, outside, next)
	k.Accounts = appendMissing(existing.list("mail.accountmanager.accounts"), k.Account, k.LocalAccount)
	k.SMTPServers = appendMissing(existing.list("mail.smtpservers"), k.SMTP)
	k.DefaultAccount = unlessSet(outside, "mail.accountmanager.defaultaccount", k.Account)
	k.DefaultSMTP = unlessSet(outside, "mail.smtp.defaultserver", k.SMTP)
	k.LastKey = max(existing.int("mail.account.lastKey"), next.max("account"))
	return k
}

// localFolders keeps a Local Folders account declared outside the block,
// re-declares (same keys) one that only the block declared, or makes one.
func (k *tbKeys) localFolders(existing, outside prefMap, next *keyCounter) {
	k.LocalFolders = existing.str("mail.accountmanager.localfoldersserver")
	switch {
	case outside.str("mail.server."+k.LocalFolders+".type") == "none":
		return
	case existing.str("mail.server."+k.LocalFolders+".type") == "none":
		k.LocalServer = k.LocalFolders
		k.LocalAccount = accountOf(existing, k.LocalServer)
		if k.LocalAccount == "" {
			k.LocalAccount = next.take("account")
		}
	default:
		k.LocalAccount, k.LocalServer = next.take("account"), next.take("server")
		k.LocalFolders = k.LocalServer
	}
}

// accountOf returns the listed account whose server is server.
func accountOf(prefs prefMap, server string) string {
	for _, acct := range prefs.list("mail.accountmanager.accounts") {
		if prefs.str("mail.account."+acct+".server") == server {
			return acct
		}
	}
	return ""
}

// findMarkedKeys follows marker → server → account → identity → SMTP server.
func findMarkedKeys(existing prefMap, profileName string) tbKeys {
	var k tbKeys
	if profileName == "" {
		return k
	}
	for name, v := range existing {
		key, ok := strings.CutPrefix(name, "mail.server.")
		if key, ok = strings.CutSuffix(key, "."+markerPref); ok && v.str == profileName && !strings.Contains(key, ".") {
			k.Server = key
		}
	}
	if k.Server == "" {
		return k
	}
	k.Account = accountOf(existing, k.Server)
	if ids := existing.list("mail.account." + k.Account + ".identities"); k.Account != "" && len(ids) > 0 {
		k.Identity = ids[0]
		k.SMTP = existing.str("mail.identity." + k.Identity + ".smtpServer")
	}
	return k
}

func orNext(key string, next *keyCounter, kind string) string {
	if key != "" {
		return key
	}
	return next.take(kind)
}

func appendMissing(list []string, keys ...string) []string {
	for _, k := range keys {
		if k != "" && !slices.Contains(list, k) {
			list = append(list, k)
		}
	}
	return list
}

func unlessSet(existing prefMap, name, key string) string {
	if existing.str(name) != "" {
		return ""
	}
	return key
}

// keyCounter hands out kindN keys above every number already used.
type keyCounter struct{ used map[string]int }

var keyKinds = []struct{ kind, branch string }{
	{"account", "mail.account."}, {"server", "mail.server."}, {"id", "mail.identity."}, {"smtp", "mail.smtpserver."},
}

func newKeyCounter(existing prefMap) *keyCounter {
	c := &keyCounter{used: map[string]int{}}
	for name, v := range existing {
		for _, kk := range keyKinds {
			if rest, ok := strings.CutPrefix(name, kk.branch); ok {
				c.note(kk.kind, strings.SplitN(rest, ".", 2)[0])
			}
		}
		for _, item := range strings.Split(v.str, ",") {
			for _, kk := range keyKinds {
				c.note(kk.kind, strings.TrimSpace(item))
			}
		}
	}
	return c
}

// note records kindN when key has exactly that form.
func (c *keyCounter) note(kind, key string) {
	digits, ok := strings.CutPrefix(key, kind)
	if !ok {
		return
	}
	if n, err := strconv.Atoi(digits); err == nil && n > c.used[kind] {
		c.used[kind] = n
	}
}

func (c *keyCounter) take(kind string) string {
	c.used[kind]++
	return kind + strconv.Itoa(c.used[kind])
}

func (c *keyCounter) max(kind string) int { return c.used[kind] }
