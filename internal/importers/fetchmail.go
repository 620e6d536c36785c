package importers

import (
	"strconv"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// fetchmail grammar (fetchmail(1)): `poll|skip|server NAME [server options]
// user REMOTE [user options] [user …]`, plus global `set …` statements.
// Words that start a statement:
var fmStatement = map[string]bool{"poll": true, "skip": true, "server": true, "defaults": true, "set": true}

// fmNoise are words fetchmail ignores everywhere.
var fmNoise = map[string]bool{"and": true, "with": true, "has": true, "wants": true, "options": true, "there": true, "here": true}

// fmValued lists options we ignore that take one argument, so the argument
// is not mistaken for a keyword.
var fmValued = map[string]bool{
	"timeout": true, "interval": true, "envelope": true, "qvirtual": true, "interface": true, "monitor": true,
	"plugin": true, "plugout": true, "principal": true, "esmtpname": true, "esmtppassword": true,
	"mda": true, "bsmtp": true, "lmtp": true, "smtphost": true, "smtphosts": true, "fetchdomains": true,
	"smtpaddress": true, "smtpname": true, "antispam": true, "preconnect": true, "postconnect": true,
	"folder": true, "limit": true, "warnings": true, "batchlimit": true, "fetchlimit": true,
	"fetchsizelimit": true, "fastuidl": true, "expunge": true, "properties": true, "sslkey": true,
	"sslcert": true, "sslcertpath": true, "sslfingerprint": true, "sslcommonname": true,
	"pass": true, "password": true, "is": true, "to": true,
}

// fmParser walks the tokens of one file.
type fmParser struct {
	toks  []fmToken
	pos   int
	accts []account
	srv   account // server options of the current poll entry
	inPOP bool    // the current entry is POP3
	cur   *account
}

func parseFetchmail(data []byte) ([]profile.Profile, error) {
	p := &fmParser{toks: lexFetchmail(string(data))}
	for p.pos < len(p.toks) {
		p.step()
	}
	p.flush()
	return finishAll(p.accts)
}

func (p *fmParser) next() (fmToken, bool) {
	if p.pos >= len(p.toks) {
		return fmToken{}, false
	}
	t := p.toks[p.pos]
	p.pos++
	return t, true
}

// value takes the argument of an option.
func (p *fmParser) value() string {
	t, _ := p.next()
	return t.text
}

// step consumes one keyword (and its arguments).
func (p *fmParser) step() {
	t, _ := p.next()
	word := strings.ToLower(t.text)
	switch {
	case t.quoted || fmNoise[word]:
	case fmStatement[word]:
		p.statement(word)
	case word == "user" || word == "username":
		p.user()
	case word == "no":
		p.negated()
	default:
		p.option(word)
	}
}

// statement starts a poll entry, or skips a global `set`/`defaults` block.
func (p *fmParser) statement(word string) {
	p.flush()
	p.srv, p.cur, p.inPOP = account{}, nil, false
	if word == "set" || word == "defaults" {
		for p.pos < len(p.toks) && !p.atStatement() {
			p.pos++
		}
		return
	}
	p.srv.in.Host = p.value()
	p.srv.in.Security = profile.SecuritySTARTTLS // fetchmail's default: STLS when offered; we require it
	p.inPOP = true
}

func (p *fmParser) atStatement() bool {
	t := p.toks[p.pos]
	return !t.quoted && fmStatement[strings.ToLower(t.text)]
}

// user starts a user block under the current server.
func (p *fmParser) user() {
	p.flush()
	a := p.srv
	a.in.Username = p.value()
	p.cur = &a
}

// flush stores the current user as an account.
func (p *fmParser) flush() {
	if p.cur != nil && p.inPOP {
		p.accts = append(p.accts, *p.cur)
	}
	p.cur = nil
}

// target is the account options apply to: the user if one started, else the server defaults.
func (p *fmParser) target() *account {
	if p.cur != nil {
		return p.cur
	}
	return &p.srv
}

func (p *fmParser) negated() {
	t, _ := p.next()
	switch strings.ToLower(t.text) {
	case "keep":
		p.setLeave(false)
	case "sslcertck":
		// not verifying certificates is never imported: setupwiz always verifies
	}
}

func (p *fmParser) setLeave(keep bool) {
	a := p.target()
	a.pop = profile.DefaultPOPOptions()
	a.pop.LeaveOnServer, a.popSet = keep, true
}

// option handles one server or user option.
func (p *fmParser) option(word string) {
	a := p.target()
	switch word {
	case "via":
		a.in.Host = p.value()
	case "proto", "protocol":
		p.protocol(a, strings.ToUpper(p.value()))
	case "service", "port":
		a.in.Port = fetchmailPort(p.value())
	case "auth", "authenticate":
		a.in.Auth = fetchmailAuth(p.value())
	case "ssl":
		a.in.Security = profile.SecurityTLS
	case "sslproto":
		p.sslproto(a, p.value())
	case "sslcertfile":
		a.caFile = p.value()
	case "keep":
		p.setLeave(true)
	case "nokeep":
		p.setLeave(false)
	default:
		if fmValued[word] {
			p.value()
		}
	}
}

func (p *fmParser) protocol(a *account, proto string) {
	switch proto {
	case "POP3", "AUTO":
	case "APOP":
		a.in.Auth = profile.AuthAPOP
	default:
		p.inPOP = false // IMAP, ETRN, ODMR, … are not POP3 accounts
	}
}

// sslproto "" turns STARTTLS off; any other value makes it mandatory unless ssl is on.
func (p *fmParser) sslproto(a *account, v string) {
	switch {
	case v == "" && a.in.Security != profile.SecurityTLS:
		a.in.Security = profile.SecurityNone
	case a.in.Security == profile.SecurityNone:
		a.in.Security = profile.SecuritySTARTTLS
	}
}

func fetchmailPort(v string) int {
	switch strings.ToLower(v) {
	case "pop3s":
		return 995
	case "pop3", "pop-3":
		return 110
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return n
}

func fetchmailAuth(v string) profile.AuthMethod {
	switch strings.ToLower(v) {
	case "cram-md5":
		return profile.AuthCRAMMD5
	case "oauthbearer":
		return profile.AuthOAuthBearer
	case "xoauth2":
		return profile.AuthXOAuth2
	}
	return profile.AuthAuto // any, password, …: let verification pick the strongest
}
