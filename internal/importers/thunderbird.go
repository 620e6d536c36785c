package importers

import (
	"sort"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// parseThunderbird reads every POP3 account of a prefs.js or user.js:
// mail.account.accountN.{server,identities} → mail.server.serverN.* (type
// pop3), the first identity's mail.identity.idN.* and its SMTP server
// mail.smtpserver.smtpN.* (or the default one).
func parseThunderbird(data []byte) ([]profile.Profile, error) {
	p := parsePrefsFile(string(data))
	var accts []account
	for _, key := range tbAccountKeys(p) {
		if a, ok := tbAccount(p, key); ok {
			accts = append(accts, a)
		}
	}
	return finishAll(accts)
}

func (p prefs) str(name string) string { return p[name].str }

// num returns the value of an int or bool pref, or def when it is not set.
func (p prefs) num(name string, def int) int {
	v, ok := p[name]
	if !ok || v.kind == 's' {
		return def
	}
	return v.num
}

func (p prefs) flag(name string, def bool) bool {
	d := 0
	if def {
		d = 1
	}
	return p.num(name, d) != 0
}

func (p prefs) list(name string) []string {
	var out []string
	for _, item := range strings.Split(p.str(name), ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// tbAccountKeys lists accounts in folder-pane order, or every accountN key
// when the list pref is missing (a partial user.js).
func tbAccountKeys(p prefs) []string {
	if keys := p.list("mail.accountmanager.accounts"); len(keys) > 0 {
		return keys
	}
	seen := map[string]bool{}
	for name := range p {
		rest, ok := strings.CutPrefix(name, "mail.account.")
		if key, _, found := strings.Cut(rest, "."); ok && found {
			seen[key] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func tbAccount(p prefs, key string) (account, bool) {
	srv := p.str("mail.account." + key + ".server")
	s := "mail.server." + srv + "."
	if srv == "" || p.str(s+"type") != "pop3" {
		return account{}, false
	}
	var a account
	a.in = tbIncoming(p, s)
	a.pop, a.popSet = tbPOP(p, s), true
	a.name = p.str(s + "setupwiz_profile")
	ids := p.list("mail.account." + key + ".identities")
	if len(ids) > 0 {
		id := "mail.identity." + ids[0] + "."
		a.email, a.displayName = p.str(id+"useremail"), p.str(id+"fullName")
		a.out = tbOutgoing(p, firstNonEmpty(p.str(id+"smtpServer"), p.str("mail.smtp.defaultserver")))
	}
	return a, a.in.Host != ""
}

// tbIncoming: realhostname/realuserName hold the values after the user edited them.
func tbIncoming(p prefs, s string) profile.Server {
	srv := profile.Server{
		Host:     firstNonEmpty(p.str(s+"realhostname"), p.str(s+"hostname")),
		Username: firstNonEmpty(p.str(s+"realuserName"), p.str(s+"userName")),
		Security: tbSecurity(p.num(s+"socketType", 0)),
		Auth:     tbAuth(p.num(s+"authMethod", 3)),
		Port:     p.num(s+"port", 0),
	}
	if srv.Port <= 1 {
		srv.Port = 0 // Thunderbird's default for the security: 995 or 110
	}
	return srv
}

func tbOutgoing(p prefs, key string) profile.Server {
	if key == "" {
		return profile.Server{}
	}
	s := "mail.smtpserver." + key + "."
	srv := profile.Server{
		Host:     p.str(s + "hostname"),
		Username: p.str(s + "username"),
		Security: tbSecurity(p.num(s+"try_ssl", 0)),
		Auth:     tbAuth(p.num(s+"authMethod", 3)),
		Port:     p.num(s+"port", 0),
	}
	if srv.Port == 0 && srv.Security != profile.SecurityTLS {
		srv.Port = 587 // Thunderbird's SMTP default without implicit TLS
	}
	return srv
}

// tbSecurity: 0 plain, 1 (old "try STARTTLS", migrated to 2) and 2 STARTTLS, 3 TLS.
func tbSecurity(v int) profile.Security {
	switch v {
	case 1, 2:
		return profile.SecuritySTARTTLS
	case 3:
		return profile.SecurityTLS
	}
	return profile.SecurityNone
}

// tbAuth: 2 old USER/PASS, 4 encrypted password, 10 OAuth2; 3 normal password is "auto".
func tbAuth(v int) profile.AuthMethod {
	switch v {
	case 2:
		return profile.AuthUserPass
	case 4:
		return profile.AuthCRAMMD5
	case 10:
		return profile.AuthXOAuth2
	}
	return profile.AuthAuto
}

// tbPOP reads the POP options with Thunderbird's pref defaults for missing keys.
func tbPOP(p prefs, s string) profile.POPOptions {
	o := profile.POPOptions{LeaveOnServer: p.flag(s+"leave_on_server", false)}
	if o.LeaveOnServer && p.flag(s+"delete_by_age_from_server", false) {
		o.KeepDays = p.num(s+"num_days_to_leave_on_server", 7)
	}
	o.DeleteWhenDeleted = o.LeaveOnServer && p.flag(s+"delete_mail_left_on_server", false)
	if p.flag(s+"check_new_mail", true) {
		o.CheckIntervalMinutes = p.num(s+"check_time", 10)
	}
	return o
}
