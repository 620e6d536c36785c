package main

import (
	"bufio"
	"context"
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// verifyExamples show each kind of use; the password never appears in argv.
const verifyExamples = `# Spectrum (implicit TLS on 995 and on 587), password piped in:
printf '%s\n' "$PASS" | setupwiz verify --email jane@spectrum.net --pop-host mail.spectrum.net --smtp-host mail.spectrum.net --smtp-port 587 --password-stdin
# STARTTLS on 110 and 587, a test message sent and awaited, JSON on stdout:
setupwiz verify --email jane@example.org --pop-host pop.example.org --pop-security starttls --smtp-host smtp.example.org --smtp-security starttls --password-file ~/.mailpass --send-test --json
# Only SMTP, showing the conversation (passwords hidden), 10 s deadline:
setupwiz verify --email jane@example.org --only smtp --smtp-host smtp.example.org --password-file ~/.mailpass --transcript --timeout 10s
# A certificate whose fingerprint ($FP) you compared with the provider's,
# asking your own DNS server:
setupwiz verify --email jane@example.org --pop-host mail.example.org --smtp-host mail.example.org --password-file ~/.mailpass --pin-sha256 "$FP" --dns-server 192.168.1.1:53`

// verifyFlags are the flags of `setupwiz verify`.
type verifyFlags struct {
	account        accountFlags
	sendTest       bool
	transcript     bool
	jsonOut        bool
	oauthTokenFile string
	only           string
}

func (v *verifyFlags) register(fs *pflag.FlagSet) {
	v.account.register(fs)
	fs.BoolVar(&v.sendTest, "send-test", false, "send one small test message to the account's own address and, "+
		"when POP3 is checked too, wait for it there (nothing is deleted)")
	fs.BoolVar(&v.transcript, "transcript", false, "show the protocol conversation (passwords and AUTH data are hidden)")
	fs.BoolVar(&v.jsonOut, "json", false, "print the result as a JSON document on standard output (the report stays on "+
		"standard error), e.g. --json | jq .ok")
	fs.StringVar(&v.oauthTokenFile, "oauth-token-file", "", "log in with the OAuth2 bearer token in the first line of "+
		"`FILE` (XOAUTH2/OAUTHBEARER; no password needed), e.g. ~/.mail-token")
	fs.StringVar(&v.only, "only", "", "check only one `SERVICE`: pop3 or smtp (default: both), e.g. --only smtp")
}

func init() { addCommand(10, newVerifyCmd) }

func newVerifyCmd(e *env) *cobra.Command {
	var v verifyFlags
	c := &cobra.Command{
		Use:     "verify [flags]",
		Short:   "log in to the POP3 and SMTP servers and report what works",
		Example: verifyExamples,
		Args:    noArgs,
		RunE:    func(c *cobra.Command, _ []string) error { return runVerify(c.Context(), &v, e) },
	}
	v.register(c.Flags())
	return c
}

// runVerify is `setupwiz verify`: log in to both servers and report.
func runVerify(ctx context.Context, v *verifyFlags, e *env) error {
	o, err := v.options(e)
	if err != nil {
		return err
	}
	return v.run(ctx, o, e)
}

// run performs the check and reports it.
func (v *verifyFlags) run(ctx context.Context, o verify.Options, e *env) error {
	if e.stderrIsTerminal {
		wrapLine(e.stderr, "", "Checking "+checkingWhat(o.Incoming, o.Outgoing)+" …")
		fmt.Fprintln(e.stderr)
	}
	r := verify.Check(ctx, o)
	if ctx.Err() != nil {
		return errInterrupted
	}
	writeVerifyReport(e.stderr, r, v.transcript, v.sendTest)
	if v.jsonOut {
		if err := writeJSON(e.stdout, verify.Document(r)); err != nil {
			return err
		}
	}
	if !r.OK() {
		return failedError{}
	}
	return nil
}

// options turns the flags into the check's options (built by setup),
// reading the secrets.
func (v *verifyFlags) options(e *env) (o verify.Options, err error) {
	p, err := v.account.profile()
	if err != nil {
		return o, err
	}
	if err := v.pickServices(&p); err != nil {
		return o, err
	}
	l := setup.Login{Profile: p, UsernameGiven: v.account.username != "", SendTest: v.sendTest, Transcript: v.transcript}
	if l.Secret, err = v.secrets(e); err != nil {
		return o, err
	}
	if v.account.caFile == "" {
		// The system roots take 10–60 ms to load: start now, overlapping
		// with resolving, connecting and the TLS handshake. With --ca-file
		// they load only if that CA does not vouch for the server.
		go func() { _, _ = x509.SystemCertPool() }()
	}
	flow := setup.Flow{Resolver: v.account.resolver(), Timeout: v.account.timeout}
	if o, err = flow.Options(l); err != nil {
		return o, usagef("--ca-file: %v", err)
	}
	return o, nil
}

// pickServices applies --only: the other server is left out (zero).
func (v *verifyFlags) pickServices(p *profile.Profile) error {
	switch v.only {
	case "":
	case "pop3", "pop":
		p.Outgoing = profile.Server{}
	case "smtp":
		p.Incoming = profile.Server{}
	default:
		return usagef("--only: use pop3 or smtp, not %q", v.only)
	}
	if v.sendTest && p.Outgoing.IsZero() {
		return usagef("--send-test needs the SMTP server: drop --only pop3")
	}
	return nil
}

// secrets reads the password (and the OAuth token, which makes the password optional).
func (v *verifyFlags) secrets(e *env) (setup.Secret, error) {
	var s setup.Secret
	if v.oauthTokenFile != "" {
		tok, err := readTokenFile(v.oauthTokenFile)
		if err != nil {
			return s, err
		}
		s.Token = tok
		if !v.account.passwordStdin && v.account.passwordFile == "" {
			return s, nil
		}
	}
	pw, err := v.account.requirePassword(bufio.NewReader(e.stdin))
	s.Password = pw
	return s, err
}

// checkingWhat names the servers about to be checked (a zero one is not).
func checkingWhat(in, out profile.Server) string {
	var parts []string
	if !in.IsZero() {
		parts = append(parts, "POP3 at "+in.Address())
	}
	if !out.IsZero() {
		parts = append(parts, "SMTP at "+out.Address())
	}
	return strings.Join(parts, " and ")
}

// readTokenFile reads a bearer token from the first line of path.
func readTokenFile(path string) (profile.Password, error) {
	return readSecretFile("--oauth-token-file", path, "")
}
