package exporters

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Mutt writes a muttrc that mutt 2.x and neomutt both read. POP mail is
// read from the server as the spool folder (and <fetch-mail> works through
// pop_host); mail is sent through smtp_url. Users go in pop_user/smtp_user,
// never into URLs, and passwords in pop_pass/smtp_pass. The SMTP login goes
// into smtp_url percent-encoded, because mutt 2.2 has no smtp_user.
func Mutt() Exporter { return funcExporter{TargetMutt, writeMutt} }

// muttSetting is one "set name=value" line; value is already quoted.
type muttSetting struct{ name, value string }

func writeMutt(w io.Writer, p profile.Profile, o Options) error {
	if err := checkProfile(TargetMutt, p); err != nil {
		return err
	}
	settings, err := muttSettings(p, o)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(commentBlock("#", muttHeader(p, o)))
	for _, s := range settings {
		fmt.Fprintf(&b, "set %s=%s\n", s.name, s.value)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

func muttHeader(p profile.Profile, o Options) []string {
	lines := headerLines(p, o, "mutt/neomutt")
	lines = append(lines, "Local mail lives in ~/Mail (create it first); new mail is read from the POP server.")
	if p.POP.LeaveOnServer {
		lines = append(lines, "Read new mail in the spool folder (the POP mailbox itself): <fetch-mail> (G) copies every message",
			"on the server again each time, because the server keeps them (pop_delete=no).")
	}
	switch {
	case p.OAuth != nil:
		lines = append(lines, "Signs in with OAuth2 ("+p.OAuth.Provider.Name+"): mutt runs \"setupwiz token "+p.Name+"\" for a fresh",
			"access token at each login. No password and no token is stored here.")
		if p.Incoming.Auth == profile.AuthXOAuth2 {
			lines = append(lines, "POP logs in with XOAUTH2, which mutt 2.x knows; neomutt 20220429 (Debian 12) knows only",
				"OAUTHBEARER for POP and reports the pop_authenticators line as an error.")
		}
	case o.secrets() == SecretsNone:
		lines = append(lines, "No password here: mutt asks for it.")
	}
	return lines
}

func muttSettings(p profile.Profile, o Options) ([]muttSetting, error) {
	in, out := p.Incoming, p.Outgoing
	s := []muttSetting{
		{"realname", muttQuote(p.DisplayName)},
		{"from", muttQuote(p.Email)},
		{"use_from", "yes"},
		{"pop_user", muttQuote(in.Username)},
		{"pop_host", muttQuote(muttURL(popScheme(in.Security), in))},
		{"spoolfile", muttQuote(muttURL(popScheme(in.Security), in) + "/")},
		{"pop_delete", muttBool(!p.POP.LeaveOnServer)},
		{"pop_last", "no"},
		{"pop_checkinterval", fmt.Sprint(muttCheckSeconds(p.POP))},
		{"smtp_url", muttQuote(muttSMTPURL(out))},
		{"ssl_force_tls", muttBool(in.Security != profile.SecurityNone && out.Security != profile.SecurityNone)},
		{"ssl_starttls", "yes"},
		{"folder", muttQuote("~/Mail")},
		{"record", muttQuote("+sent")},
		{"postponed", muttQuote("+postponed")},
		{"mbox", muttQuote("+received")},
	}
	s = append(s, muttAuthenticators(p)...)
	if p.TLS.CAFile != "" {
		s = append(s, muttSetting{"ssl_ca_certificates_file", muttQuote(p.TLS.CAFile)})
	}
	if p.TLS.PinnedCertFile != "" && o.MuttCertificates == "" && len(pinnedCerts(p)) > 0 {
		// mutt accepts a certificate found in certificate_file, the file
		// its "(a)ccept always" writes to: in a muttrc of its own, the
		// pinned one. In the user's muttrc it stays as it is (it serves
		// every account there): the certificate is added to that file.
		s = append(s, muttSetting{"certificate_file", muttQuote(p.TLS.PinnedCertFile)})
	}
	if p.OAuth != nil {
		oauth, err := muttOAuth(p, o)
		return append(s, oauth...), err
	}
	secrets, err := muttSecrets(o)
	return append(s, secrets...), err
}

func muttSecrets(o Options) ([]muttSetting, error) {
	switch o.secrets() {
	case SecretsInline:
		pw, ok := o.inlinePassword()
		if !ok {
			return nil, &FieldError{TargetMutt, "password", "is empty: inline secrets need the password"}
		}
		if err := checkText(TargetMutt, "password", pw, nulOnly); err != nil {
			return nil, err
		}
		return []muttSetting{{"pop_pass", muttQuote(pw)}, {"smtp_pass", muttQuote(pw)}}, nil
	case SecretsCommand:
		v, err := muttCommandValue(o.Command)
		return []muttSetting{{"pop_pass", v}, {"smtp_pass", v}}, err
	}
	return nil, nil
}

// muttURL is scheme://host:port with IPv6 literals bracketed; hosts were validated.
func muttURL(scheme string, s profile.Server) string {
	return scheme + "://" + strings.ToLower(s.Address())
}

// muttSMTPURL is smtp[s]://user@host:port/ with the user percent-encoded
// (mutt decodes %XX in the user part: %40 for @).
func muttSMTPURL(s profile.Server) string {
	return smtpScheme(s.Security) + "://" + percentEncode(s.Username) + "@" + strings.ToLower(s.Address()) + "/"
}

// percentEncode keeps only RFC 3986 unreserved characters.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func popScheme(sec profile.Security) string {
	if sec == profile.SecurityTLS {
		return "pops"
	}
	return "pop"
}

func smtpScheme(sec profile.Security) string {
	if sec == profile.SecurityTLS {
		return "smtps"
	}
	return "smtp"
}

func muttBool(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func muttCheckSeconds(o profile.POPOptions) int {
	if o.CheckIntervalMinutes <= 0 {
		return 600
	}
	return o.CheckIntervalMinutes * 60
}

// muttAuthenticators pins USER or APOP when the profile names them. SASL
// mechanisms are left to negotiation: neomutt rejects SASL names such as
// CRAM-MD5 in pop_authenticators, and both clients pick the best offered.
func muttAuthenticators(p profile.Profile) []muttSetting {
	switch p.Incoming.Auth {
	case profile.AuthUserPass:
		return []muttSetting{{"pop_authenticators", "'user'"}}
	case profile.AuthAPOP:
		return []muttSetting{{"pop_authenticators", "'apop'"}}
	}
	return nil
}
