package exporters

import (
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// headerLines is the comment every exported file starts with, without comment markers.
// The email is printed with %q-like care by the caller's comment function: it was validated.
func headerLines(p profile.Profile, o Options, client string) []string {
	lines := []string{
		fmt.Sprintf("%s configuration for %s, written by setupwiz on %s.", client, p.Email, o.now().Format("2006-01-02 15:04 UTC")),
	}
	if o.Unverified {
		lines = append(lines, "UNVERIFIED: these settings were exported with --unverified and did not pass a live login check.")
	} else if !p.Verified.IsZero() {
		lines = append(lines, "Verified against the live servers on "+p.Verified.UTC().Format("2006-01-02 15:04 UTC")+".")
	}
	return append(lines, pinnedLines(p, o, client)...)
}

// pinnedLines say how this client trusts a certificate the user pinned by
// its fingerprint (--pin-sha256, or t in the wizard): with the certificate
// setupwiz saved, or, when there is none to go by, by asking at the first
// connection.
func pinnedLines(p profile.Profile, o Options, client string) []string {
	var pins []string
	for _, pin := range p.TLS.PinnedSHA256 {
		if pin != "" && strings.Trim(strings.ToLower(pin), "0123456789abcdef:") == "" {
			pins = append(pins, pin)
		}
	}
	if len(pins) == 0 {
		return nil
	}
	lines := []string{"The server's certificate is trusted only by its SHA-256 fingerprint " + strings.Join(pins, " or ") + "."}
	have := len(pinnedCerts(p)) > 0
	switch {
	case client == "fetchmail" && have:
		return append(lines, "fetchmail checks exactly that certificate (sslfingerprint, fetchmail's MD5 form of it) instead of an authority.")
	case client == "fetchmail":
		return append(lines, "fetchmail's sslcertck refuses it: save the certificate as PEM and add sslcertfile \"FILE\" to the entry.")
	case client == "mutt/neomutt" && have && o.MuttCertificates != "":
		return append(lines, "mutt/neomutt trust it because setupwiz added it to "+o.MuttCertificates+", the file they keep",
			"accepted certificates in; certificate_file is left as it was, for your other accounts.")
	case client == "mutt/neomutt" && have && p.TLS.PinnedCertFile != "":
		return append(lines, "mutt/neomutt trust exactly that certificate: certificate_file is the copy setupwiz saved.")
	}
	return append(lines, strings.TrimSuffix(client, " autoconfig")+" asks whether to trust it at the first connection: accept only that fingerprint.")
}

// commentBlock prefixes each line; a comment may not contain a line end (checked by callers).
func commentBlock(prefix string, lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.TrimRight(prefix+" "+l, " ") + "\n")
	}
	return b.String()
}

// checkProfile rejects the values no format can carry in a single-line field.
func checkProfile(format string, p profile.Profile) error {
	fields := []struct{ name, v string }{
		{"email", p.Email}, {"display_name", p.DisplayName}, {"name", p.Name},
		{"incoming.host", p.Incoming.Host}, {"incoming.username", p.Incoming.Username},
		{"outgoing.host", p.Outgoing.Host}, {"outgoing.username", p.Outgoing.Username},
	}
	for _, f := range fields {
		if err := checkText(format, f.name, f.v, lineEnds); err != nil {
			return err
		}
	}
	if p.Email == "" || p.Incoming.Host == "" || p.Outgoing.Host == "" {
		return &FieldError{format, "profile", "needs an email address and both server hosts"}
	}
	return checkPlaintextConsent(format, p)
}

// checkPlaintextConsent: a config that makes the client send the password
// unencrypted is written only when the user allowed plaintext for this profile.
func checkPlaintextConsent(format string, p profile.Profile) error {
	for _, s := range []struct {
		field string
		sec   profile.Security
	}{{"incoming.security", p.Incoming.Security}, {"outgoing.security", p.Outgoing.Security}} {
		if s.sec == profile.SecurityNone && !p.TLS.AllowPlaintext {
			return &FieldError{format, s.field, "is none: the client would send the password unencrypted; allow that explicitly (--allow-plaintext) or use tls/starttls"}
		}
	}
	return nil
}
