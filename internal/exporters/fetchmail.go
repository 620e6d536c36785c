package exporters

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Fetchmail writes a .fetchmailrc entry (fetchmail 6.4 grammar, see fetchmail(1)).
//
// Delivery: without Options.FetchmailMDA the entry uses fetchmail's own
// default, forwarding to the SMTP listener on localhost. We keep that default
// on purpose: it is what fetchmail documents and packages expect, the local
// MTA applies the user's aliases and filters, and when no MTA listens the
// delivery fails safe (fetchmail deletes nothing it could not deliver). A
// desktop without an MTA sets FetchmailMDA, e.g. "/usr/bin/procmail -d %T".
//
// Leave on server maps to "keep" plus client-side "uidl", and never to
// "fetchall" (keep+fetchall is an error in daemon mode). Not leaving mail maps
// to "no keep" plus "fetchall", so old messages are collected too. fetchmail
// cannot delete by age nor run a password command: those are noted in comments.
func Fetchmail() Exporter { return funcExporter{TargetFetchmail, writeFetchmail} }

func writeFetchmail(w io.Writer, p profile.Profile, o Options) error {
	if err := checkProfile(TargetFetchmail, p); err != nil {
		return err
	}
	body, err := fetchmailEntry(p, o)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, commentBlock("#", fetchmailHeader(p, o))+body)
	return err
}

func fetchmailHeader(p profile.Profile, o Options) []string {
	lines := headerLines(p, o, "fetchmail")
	lines = append(lines, "fetchmail refuses this file unless it is mode 0600 (or 0700) and owned by you.")
	switch {
	case o.secrets() == SecretsCommand:
		lines = append(lines, "fetchmail cannot run a password command: it reads the password from ~/.netrc or asks for it.")
	case o.secrets() == SecretsNone:
		lines = append(lines, "No password here: fetchmail reads it from ~/.netrc or asks for it.")
	}
	if p.POP.LeaveOnServer && p.POP.KeepDays > 0 {
		lines = append(lines, fmt.Sprintf("fetchmail cannot delete server copies after %d days: remove them with your webmail or another client.", p.POP.KeepDays))
	}
	if p.POP.CheckIntervalMinutes > 0 {
		lines = append(lines, fmt.Sprintf("To check every %d minutes, run: fetchmail --daemon %d", p.POP.CheckIntervalMinutes, p.POP.CheckIntervalMinutes*60))
	}
	if o.FetchmailMDA == "" {
		lines = append(lines, "Mail is handed to the SMTP server on localhost; without one, set mda, e.g. mda \"/usr/bin/procmail -d %T\".")
	}
	return lines
}

// fetchmailEntry is the poll statement. Server options come before "user",
// user options after it (the most common fetchmailrc mistake is mixing them).
func fetchmailEntry(p profile.Profile, o Options) (string, error) {
	in := p.Incoming
	if in.Auth.IsOAuth() || p.OAuth != nil {
		return "", &FieldError{TargetFetchmail, "incoming.auth", "is OAuth2, which fetchmail 6.4 cannot do ('auth oauthbearer' is a syntax error there; it comes with fetchmail 7): a file written now could not log in, so none is written. Read this account with mutt/neomutt or Thunderbird, or use an app password where the provider allows one"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "poll %s %s service %d timeout 60", fetchmailQuote(strings.ToLower(in.Host)), fetchmailAuth(in.Auth), in.Port)
	if p.POP.LeaveOnServer {
		b.WriteString(" uidl")
	}
	fmt.Fprintf(&b, "\n  user %s there", fetchmailQuote(in.Username))
	if pw, ok := o.inlinePassword(); ok {
		if err := checkText(TargetFetchmail, "password", pw, nulOnly); err != nil {
			return "", err
		}
		fmt.Fprintf(&b, " with password %s", fetchmailQuote(pw))
	}
	b.WriteString("\n" + fetchmailTLS(p) + "\n")
	b.WriteString(fetchmailDelivery(p, o) + "\n")
	return b.String(), nil
}

// fetchmailAuth is the protocol and auth options: APOP is a protocol of its
// own in fetchmail; "any" lets it pick the best the server offers.
func fetchmailAuth(a profile.AuthMethod) string {
	switch a {
	case profile.AuthAPOP:
		return "proto APOP"
	case profile.AuthCRAMMD5:
		return "proto POP3 auth cram-md5"
	case profile.AuthAuto:
		return "proto POP3 auth any"
	}
	return "proto POP3 auth password"
}

// fetchmailTLS: "ssl" is implicit TLS; sslproto without ssl makes STLS mandatory.
func fetchmailTLS(p profile.Profile) string {
	var opts []string
	switch p.Incoming.Security {
	case profile.SecurityTLS:
		opts = append(opts, "ssl", `sslproto "tls1.2+"`)
	case profile.SecuritySTARTTLS:
		opts = append(opts, `sslproto "tls1.2+"`)
	default:
		opts = append(opts, `sslproto ""`)
	}
	if c := pinnedFor(p, p.Incoming.Host); c != nil && p.Incoming.Security != profile.SecurityNone {
		// The certificate the user pinned, exactly: fetchmail compares the
		// fingerprint whatever sslcertck says, and its chain check would
		// refuse a certificate no authority here vouches for.
		return "  " + strings.Join(append(opts, "no sslcertck", "sslfingerprint "+fetchmailQuote(md5Fingerprint(c))), " ")
	}
	opts = append(opts, "sslcertck")
	if p.TLS.CAFile != "" {
		opts = append(opts, "sslcertfile "+fetchmailQuote(p.TLS.CAFile))
	}
	return "  " + strings.Join(opts, " ")
}

func fetchmailDelivery(p profile.Profile, o Options) string {
	keep := "keep"
	if !p.POP.LeaveOnServer {
		keep = "no keep fetchall"
	}
	if o.FetchmailMDA != "" {
		return "  " + keep + " mda " + fetchmailQuote(o.FetchmailMDA)
	}
	return "  " + keep + ` smtphost "localhost"`
}

// fetchmailQuote writes a string the fetchmailrc lexer reads back exactly.
// The lexer's string is "[^"]*" so a quote can never appear, not even as \";
// it is written \x22. After unquoting, escapes() turns \\ into \, \xHH into
// the byte and "\n" (with a digit) into a decimal byte, so every backslash is
// doubled and every control, non-ASCII and quote byte becomes \xHH — the
// escape reads at most two hex digits, so what follows cannot extend it.
func fetchmailQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '"' || c < 0x20 || c >= 0x7f:
			b.WriteString(`\x` + strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&15, 16))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
