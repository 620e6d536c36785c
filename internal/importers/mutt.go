package importers

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// muttNames maps neomutt's new variable names to the mutt names.
var muttNames = map[string]string{"spool_file": "spoolfile", "real_name": "realname", "pop_check_interval": "pop_checkinterval"}

// parseMutt reads the `set` commands of one muttrc (sourced files and hooks
// are not followed) and builds one account from the POP and SMTP settings.
func parseMutt(data []byte) ([]profile.Profile, error) {
	vars := muttVars(lexMutt(string(data)))
	a, ok := muttAccount(vars)
	if !ok {
		return nil, nil
	}
	return finishAll([]account{a})
}

// muttVars collects variable values; a later set wins, as in mutt.
// Dynamic values (`cmd`, $VAR) are dropped: we never run or expand them.
func muttVars(cmds [][]muttWord) map[string]string {
	vars := map[string]string{}
	for _, cmd := range cmds {
		switch cmd[0].text {
		case "set":
			muttSet(vars, cmd[1:])
		case "unset", "reset":
			for _, w := range cmd[1:] {
				delete(vars, muttName(w.text))
			}
		}
	}
	return vars
}

func muttName(n string) string {
	if m, ok := muttNames[n]; ok {
		return m
	}
	return n
}

// muttSet handles `set a=b c = d flag noflag invflag`.
func muttSet(vars map[string]string, ws []muttWord) {
	for i := 0; i < len(ws); i++ {
		name := ws[i].text
		if i+2 < len(ws) && ws[i+1].sep {
			if !ws[i+2].dynamic {
				vars[muttName(name)] = ws[i+2].text
			}
			i += 2
			continue
		}
		muttFlag(vars, name)
	}
}

// muttFlag handles a bare boolean: name sets it, noname unsets it.
func muttFlag(vars map[string]string, name string) {
	switch {
	case strings.HasPrefix(name, "no"):
		vars[muttName(name[2:])] = "no"
	case strings.HasPrefix(name, "inv"):
		vars[muttName(name[3:])] = "toggled"
	default:
		vars[muttName(name)] = "yes"
	}
}

// muttAccount turns the variables into an account; ok is false without a POP server.
func muttAccount(v map[string]string) (account, bool) {
	popURL := v["spoolfile"]
	if !strings.HasPrefix(popURL, "pop") {
		popURL = v["pop_host"]
	}
	if popURL == "" {
		return account{}, false
	}
	if !strings.Contains(popURL, "://") {
		popURL = "pop://" + popURL
	}
	var a account
	var ok bool
	if a.in, ok = muttServer(popURL, "pop", v); !ok {
		return account{}, false
	}
	a.in.Username = firstNonEmpty(v["pop_user"], a.in.Username)
	a.in.Auth = muttAuth(v["pop_authenticators"])
	a.out, _ = muttServer(v["smtp_url"], "smtp", v)
	a.out.Username = firstNonEmpty(v["smtp_user"], a.out.Username, a.in.Username)
	a.out.Auth = muttAuth(v["smtp_authenticators"])
	a.email, a.displayName = muttFrom(v["from"], v["realname"])
	a.caFile = v["ssl_ca_certificates_file"]
	a.pop, a.popSet = muttPOP(v)
	return a, true
}

// muttServer parses scheme://[user[:pass]@]host[:port][/path]; the password is ignored.
func muttServer(raw, proto string, v map[string]string) (profile.Server, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return profile.Server{}, false
	}
	var s profile.Server
	s.Host = u.Hostname()
	s.Port, _ = strconv.Atoi(u.Port())
	switch u.Scheme {
	case proto + "s":
		s.Security = profile.SecurityTLS
	case proto:
		s.Security = muttPlainSecurity(v)
	default:
		return profile.Server{}, false
	}
	if u.User != nil {
		s.Username = u.User.Username()
	}
	return s, true
}

// muttPlainSecurity: pop:// and smtp:// upgrade with STARTTLS unless both
// ssl_starttls and ssl_force_tls are off (both default to yes).
func muttPlainSecurity(v map[string]string) profile.Security {
	if v["ssl_starttls"] == "no" && v["ssl_force_tls"] == "no" {
		return profile.SecurityNone
	}
	return profile.SecuritySTARTTLS
}

// muttFrom reads `from` ("Name <addr>" or addr) and realname.
func muttFrom(from, realname string) (email, name string) {
	if from == "" {
		return "", realname
	}
	if addr, err := mail.ParseAddress(from); err == nil {
		return addr.Address, firstNonEmpty(realname, addr.Name)
	}
	return from, realname
}

// muttPOP: pop_delete yes (or ask-yes) deletes from the server; the check
// interval is in seconds.
func muttPOP(v map[string]string) (profile.POPOptions, bool) {
	o := profile.DefaultPOPOptions()
	del, hasDel := v["pop_delete"]
	secs, hasSecs := v["pop_checkinterval"]
	if !hasDel && !hasSecs {
		return o, false
	}
	o.LeaveOnServer = !(del == "yes" || del == "ask-yes")
	if n, err := strconv.Atoi(secs); err == nil && n >= 0 {
		o.CheckIntervalMinutes = (n + 59) / 60
	}
	return o, true
}

// muttAuth maps a single pinned mechanism; a list or none means "auto".
func muttAuth(list string) profile.AuthMethod {
	if list == "" || strings.Contains(list, ":") {
		return profile.AuthAuto
	}
	switch strings.ToLower(list) {
	case "user":
		return profile.AuthUserPass
	}
	a, err := profile.ParseAuthMethod(list)
	if err != nil {
		return profile.AuthAuto
	}
	return a
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
