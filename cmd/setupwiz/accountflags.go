package main

import (
	"bufio"
	"crypto/x509"
	"errors"
	"flag"
	"io"
	"os"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// accountFlags are shared by every command that takes an account (verify, export, the wizard).
type accountFlags struct {
	email, name, username            string
	popHost, popSecurity             string
	popPort                          int
	smtpHost, smtpSecurity           string
	smtpPort                         int
	leaveOnServer, deleteWhenDeleted bool
	keepDays, checkInterval          int
	caFile                           string
	pins                             stringList
	allowPlaintext                   bool
	passwordStdin                    bool
	passwordFile                     string
	dnsServer, ispdbURL              string
	timeout                          time.Duration
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (a *accountFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&a.email, "email", "", "the email address, e.g. jane@spectrum.net")
	fs.StringVar(&a.name, "name", "", "display name shown to recipients, e.g. \"Jane Doe\"")
	fs.StringVar(&a.username, "username", "", "login name for both servers (default: the email address)")
	fs.StringVar(&a.popHost, "pop-host", "", "POP3 server host, e.g. pop.spectrum.net")
	fs.IntVar(&a.popPort, "pop-port", 0, "POP3 port (default: 995 for tls, 110 otherwise)")
	fs.StringVar(&a.popSecurity, "pop-security", "tls", "POP3 security: tls (implicit, 995), starttls (STLS on 110) or none")
	fs.StringVar(&a.smtpHost, "smtp-host", "", "SMTP submission host, e.g. mail.spectrum.net")
	fs.IntVar(&a.smtpPort, "smtp-port", 0, "SMTP port (default: 465 for tls, 587 otherwise)")
	fs.StringVar(&a.smtpSecurity, "smtp-security", "tls", "SMTP security: tls (implicit, 465), starttls (587) or none")
	fs.BoolVar(&a.leaveOnServer, "leave-on-server", true, "leave a copy of each message on the server")
	fs.IntVar(&a.keepDays, "keep-days", 0, "with -leave-on-server: delete server copies after N days (0 = never)")
	fs.BoolVar(&a.deleteWhenDeleted, "delete-when-deleted", false, "remove the server copy when a message is deleted locally")
	fs.IntVar(&a.checkInterval, "check-interval", 10, "minutes between checks for new mail")
	fs.StringVar(&a.caFile, "ca-file", "", "PEM file of extra CA certificates to trust (in addition to the system's)")
	fs.Var(&a.pins, "pin-sha256", "accept a certificate with this SHA-256 fingerprint even if untrusted (repeatable)")
	fs.BoolVar(&a.allowPlaintext, "allow-plaintext", false, "allow sending the password over an unencrypted connection for this run")
	fs.BoolVar(&a.passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	fs.StringVar(&a.passwordFile, "password-file", "", "read the password from the first line of this file")
	fs.StringVar(&a.dnsServer, "dns-server", "", "ask this DNS server (ADDR:PORT) instead of the system's")
	fs.StringVar(&a.ispdbURL, "ispdb-url", "", "base URL of the ISPDB (default https://autoconfig.thunderbird.net/v1.1/)")
	fs.DurationVar(&a.timeout, "timeout", 20*time.Second, "deadline for the whole operation, e.g. 10s")
}

// profile builds a profile from the flags. It does not validate hosts that were not given.
func (a *accountFlags) profile() (profile.Profile, error) {
	if a.email == "" {
		return profile.Profile{}, usagef("-email is required")
	}
	if _, _, err := profile.SplitEmail(a.email); err != nil {
		return profile.Profile{}, usagef("-email: %v", err)
	}
	p := profile.New(a.email, a.name)
	if a.username != "" {
		p.Incoming.Username, p.Outgoing.Username = a.username, a.username
	}
	var err error
	if p.Incoming, err = a.server(p.Incoming, "pop", a.popHost, a.popPort, a.popSecurity, 995, 110); err != nil {
		return p, err
	}
	if p.Outgoing, err = a.server(p.Outgoing, "smtp", a.smtpHost, a.smtpPort, a.smtpSecurity, 465, 587); err != nil {
		return p, err
	}
	p.POP = profile.POPOptions{LeaveOnServer: a.leaveOnServer, KeepDays: a.keepDays,
		DeleteWhenDeleted: a.deleteWhenDeleted, CheckIntervalMinutes: a.checkInterval}
	p.TLS = profile.TLSTrust{CAFile: a.caFile, PinnedSHA256: a.pins, AllowPlaintext: a.allowPlaintext}
	return p, nil
}

func (a *accountFlags) server(s profile.Server, prefix, host string, port int, sec string, tlsPort, plainPort int) (profile.Server, error) {
	security, err := profile.ParseSecurity(sec)
	if err != nil {
		return s, usagef("-%s-security: %v", prefix, err)
	}
	if host != "" {
		s.Host = host
	}
	s.Security = security
	switch {
	case port != 0:
		s.Port = port
	case security == profile.SecurityTLS:
		s.Port = tlsPort
	default:
		s.Port = plainPort
	}
	return s, nil
}

// password reads the secret from -password-stdin (one line of the shared
// reader, so answers piped after it stay readable) or -password-file. It
// returns a zero Password when neither was given and never accepts an empty one.
func (a *accountFlags) password(in *bufio.Reader) (profile.Password, error) {
	switch {
	case a.passwordStdin && a.passwordFile != "":
		return profile.Password{}, usagef("use either -password-stdin or -password-file, not both")
	case a.passwordStdin:
		return readSecretLine(in, "-password-stdin")
	case a.passwordFile != "":
		f, err := os.Open(a.passwordFile)
		if err != nil {
			return profile.Password{}, usagef("-password-file: %v", err)
		}
		defer f.Close()
		return readSecretLine(bufio.NewReader(f), "-password-file "+a.passwordFile)
	}
	return profile.Password{}, nil
}

// requirePassword is password, but a missing password is a usage error.
func (a *accountFlags) requirePassword(in *bufio.Reader) (profile.Password, error) {
	pw, err := a.password(in)
	if err == nil && pw.IsEmpty() {
		err = usagef("no password: pass -password-stdin or -password-file (never on the command line)")
	}
	return pw, err
}

// maxSecretLine bounds a password line.
const maxSecretLine = 4096

// readSecretLine reads one line (CR/LF stripped) of at most maxSecretLine bytes.
func readSecretLine(in *bufio.Reader, what string) (profile.Password, error) {
	var b strings.Builder
	for b.Len() <= maxSecretLine {
		c, err := in.ReadByte()
		if err != nil && !errors.Is(err, io.EOF) {
			return profile.Password{}, usagef("%s: %v", what, err)
		}
		if err != nil || c == '\n' {
			break
		}
		b.WriteByte(c)
	}
	line := trimEOL(b.String())
	switch {
	case b.Len() > maxSecretLine:
		return profile.Password{}, usagef("%s: the line is longer than %d bytes", what, maxSecretLine)
	case line == "":
		return profile.Password{}, usagef("%s: the first line is empty, so the password is empty", what)
	}
	return profile.NewPassword(line), nil
}

func trimEOL(s string) string { return strings.TrimRight(s, "\r\n") }

// extraRoots returns a pool holding only -ca-file's certificates, or nil.
func (a *accountFlags) extraRoots() (*x509.CertPool, error) {
	if a.caFile == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(a.caFile)
	if err != nil {
		return nil, usagef("-ca-file: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, usagef("-ca-file %s: no PEM certificate found in it", a.caFile)
	}
	return pool, nil
}

// roots returns the system roots plus -ca-file.
func (a *accountFlags) roots() (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if a.caFile == "" {
		return pool, nil
	}
	pem, err := os.ReadFile(a.caFile)
	if err != nil {
		return nil, usagef("-ca-file: %v", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, usagef("-ca-file %s: no PEM certificate found in it", a.caFile)
	}
	return pool, nil
}
