package main

import (
	"bufio"
	"crypto/x509"
	"errors"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
	"github.com/spf13/pflag"
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
	pins                             []string
	allowPlaintext                   bool
	passwordStdin                    bool
	passwordFile                     string
	dnsServer, ispdbURL              string
	timeout                          time.Duration
	oauth                            oauthFlags // the wizard's OAuth2 sign-in (registered by the wizard only)
}

func (a *accountFlags) register(fs *pflag.FlagSet) {
	a.registerAccount(fs)
	a.registerServers(fs)
	a.registerPOPOptions(fs)
	a.registerSecurity(fs)
	a.registerNetwork(fs)
}

func (a *accountFlags) registerAccount(fs *pflag.FlagSet) {
	fs.StringVar(&a.email, "email", "", "the email `ADDRESS`, e.g. jane@spectrum.net")
	fs.StringVar(&a.name, "name", "", "display `NAME` shown to recipients, e.g. \"Jane Doe\"")
	fs.StringVar(&a.username, "username", "", "login `NAME` for both servers, e.g. jane (default: the email address; "+
		"if that fails, the other form is tried and reported)")
	fs.BoolVar(&a.passwordStdin, "password-stdin", false, "read the password from the first line of standard input, "+
		"e.g. printf '%s\\n' \"$PASS\" | setupwiz ... --password-stdin (never give it as a flag value)")
	fs.StringVar(&a.passwordFile, "password-file", "", "read the password from the first line of `FILE`, e.g. ~/.mailpass "+
		"(keep it private: chmod 600)")
}

func (a *accountFlags) registerServers(fs *pflag.FlagSet) {
	fs.StringVar(&a.popHost, "pop-host", "", "POP3 server `HOST`, e.g. pop.spectrum.net (default: the email's domain)")
	fs.IntVar(&a.popPort, "pop-port", 0, "POP3 `PORT`, e.g. 995 (default: 995 for tls, 110 otherwise)")
	fs.StringVar(&a.popSecurity, "pop-security", "tls", "POP3 security `MODE`: tls (implicit TLS, usually 995), "+
		"starttls (STLS, usually 110) or none; e.g. --pop-security starttls")
	fs.StringVar(&a.smtpHost, "smtp-host", "", "SMTP submission server `HOST`, e.g. mail.spectrum.net (default: the email's domain)")
	fs.IntVar(&a.smtpPort, "smtp-port", 0, "SMTP `PORT`, e.g. 587 (default: 465 for tls, 587 otherwise)")
	fs.StringVar(&a.smtpSecurity, "smtp-security", "tls", "SMTP security `MODE`: tls (implicit TLS, usually 465), "+
		"starttls (usually 587) or none; e.g. --smtp-security starttls")
}

func (a *accountFlags) registerPOPOptions(fs *pflag.FlagSet) {
	fs.BoolVar(&a.leaveOnServer, "leave-on-server", true, "leave a copy of each message on the server after downloading it")
	fs.IntVar(&a.keepDays, "keep-days", 0, "with --leave-on-server: delete server copies after `N` days, e.g. 14 (0 = never)")
	fs.BoolVar(&a.deleteWhenDeleted, "delete-when-deleted", false, "remove the server copy when a message is deleted locally")
	fs.IntVar(&a.checkInterval, "check-interval", 10, "`MINUTES` between checks for new mail, e.g. 5")
}

func (a *accountFlags) registerSecurity(fs *pflag.FlagSet) {
	fs.StringVar(&a.caFile, "ca-file", "", "PEM `FILE` of extra CA certificates to trust besides the system's, e.g. ./company-ca.pem")
	fs.StringArrayVar(&a.pins, "pin-sha256", nil, "trust a certificate with this SHA-256 `FINGERPRINT` even if it is untrusted "+
		"(compare it with the provider's first; repeatable), e.g. the 64 hex digits a failed check prints")
	fs.BoolVar(&a.allowPlaintext, "allow-plaintext", false, "allow sending the password over an unencrypted "+
		"connection, for this run only, e.g. --pop-security none --allow-plaintext")
}

func (a *accountFlags) registerNetwork(fs *pflag.FlagSet) {
	fs.StringVar(&a.dnsServer, "dns-server", "", "look host names up with this DNS server (`ADDR:PORT`) instead of the "+
		"system's, e.g. 192.168.1.1:53")
	fs.DurationVar(&a.timeout, "timeout", verify.DefaultTimeout, "deadline (a `DURATION`) for the whole operation (the default leaves room for two logins a server delays), e.g. 10s or 1m")
}

// checkNetwork rejects a --timeout that is not positive and a --dns-server that is not ADDR:PORT.
func (a *accountFlags) checkNetwork() error {
	if a.timeout <= 0 {
		return usagef("--timeout must be more than zero, e.g. 10s")
	}
	if a.dnsServer == "" {
		return nil
	}
	if err := discover.CheckDNSServer(a.dnsServer); err != nil {
		return usagef("--dns-server %q: %v", a.dnsServer, err)
	}
	return nil
}

// resolver is the DNS --dns-server names, or nil for the system's.
func (a *accountFlags) resolver() verify.HostResolver {
	if a.dnsServer == "" {
		return nil
	}
	return discover.NewDNSResolver(a.dnsServer)
}

// profile builds a profile from the flags and checks it, naming the flag
// behind each problem.
func (a *accountFlags) profile() (profile.Profile, error) {
	if a.email == "" {
		return profile.Profile{}, usagef("--email is required")
	}
	if _, _, err := profile.SplitEmail(a.email); err != nil {
		return profile.Profile{}, usagef("--email: %v", err)
	}
	if err := a.checkNetwork(); err != nil {
		return profile.Profile{}, err
	}
	if err := a.checkPins(); err != nil {
		return profile.Profile{}, err
	}
	if err := a.checkCAFile(); err != nil {
		return profile.Profile{}, err
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
	return p, a.validate(p)
}

func (a *accountFlags) server(s profile.Server, prefix, host string, port int, sec string, tlsPort, plainPort int) (profile.Server, error) {
	security, err := profile.ParseSecurity(sec)
	if err != nil {
		return s, usagef("--%s-security: %v", prefix, err)
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

// password reads the secret from --password-stdin (one line of the shared
// reader, so answers piped after it stay readable) or --password-file (a
// regular file). It returns a zero Password when neither was given and
// never accepts an empty one, or one that is no text (a NUL byte).
func (a *accountFlags) password(in *bufio.Reader) (profile.Password, error) {
	switch {
	case a.passwordStdin && a.passwordFile != "":
		return profile.Password{}, usagef("use either --password-stdin or --password-file, not both")
	case a.passwordStdin:
		return input.ReadSecretLine(in, "--password-stdin")
	case a.passwordFile != "":
		return readPasswordFile(a.passwordFile)
	}
	return profile.Password{}, nil
}

// requirePassword is password, but a missing password is a usage error.
func (a *accountFlags) requirePassword(in *bufio.Reader) (profile.Password, error) {
	pw, err := a.password(in)
	if err == nil && pw.IsEmpty() {
		err = usagef("no password: pass --password-stdin or --password-file (never on the command line)")
	}
	return pw, err
}

// roots returns the system roots plus --ca-file.
func (a *accountFlags) roots() (*x509.CertPool, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if a.caFile == "" {
		return pool, nil
	}
	pem, err := readCAFile(a.caFile)
	if err != nil {
		return nil, err
	}
	pool.AppendCertsFromPEM(pem)
	return pool, nil
}

// validate checks the profile built from the flags and names the flag
// behind each problem (--pop-port, not incoming.port).
func (a *accountFlags) validate(p profile.Profile) error {
	err := p.Validate()
	var fe profile.FieldErrors
	if err == nil || !errors.As(err, &fe) {
		return err
	}
	parts := make([]string, len(fe))
	for i, f := range fe {
		parts[i] = flagProblem(f)
	}
	return usagef("%s", strings.Join(parts, "; "))
}

// flagProblem phrases a field error with the flag that sets the field.
func flagProblem(f profile.FieldError) string {
	if f.Field == "pop.leave_on_server" {
		return "--keep-days and --delete-when-deleted need --leave-on-server"
	}
	flags := map[string]string{"email": "--email", "display_name": "--name",
		"incoming.host": "--pop-host", "incoming.port": "--pop-port", "incoming.security": "--pop-security",
		"incoming.username": "--username", "outgoing.host": "--smtp-host", "outgoing.port": "--smtp-port",
		"outgoing.security": "--smtp-security", "outgoing.username": "--username",
		"pop.keep_days": "--keep-days", "pop.check_interval_minutes": "--check-interval"}
	if name, ok := flags[f.Field]; ok {
		return name + " " + f.Msg
	}
	return f.Error()
}

// checkPins rejects a --pin-sha256 that is not 64 hexadecimal digits
// (colons, spaces and dashes between them are allowed).
func (a *accountFlags) checkPins() error {
	for _, pin := range a.pins {
		hex := strings.NewReplacer(":", "", " ", "", "-", "").Replace(pin)
		if len(hex) != 64 || strings.Trim(strings.ToLower(hex), "0123456789abcdef") != "" {
			return usagef("--pin-sha256 %q: want the 64 hexadecimal digits of a SHA-256 fingerprint, as a failed check prints them", pin)
		}
	}
	return nil
}
