package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// kindWords says in plain words what each kind of failure means.
func kindWords(k verify.Kind, step verify.StepName) string {
	switch k {
	case verify.KindDNS:
		return "The server name could not be found."
	case verify.KindRefused:
		return "The server refused the connection: nothing accepts connections there, or it refuses this computer."
	case verify.KindTimeout:
		return fmt.Sprintf("The server did not answer in time (during %s).", step)
	case verify.KindNetwork:
		return "The connection broke."
	case verify.KindTLSHandshake:
		return "Encryption (TLS) could not be set up with this server on this port."
	case verify.KindTLSCertificate:
		return "The server's certificate is not trusted, so nothing was sent."
	case verify.KindSTARTTLSUnavailable:
		return "The server did not switch to encryption (STARTTLS), so no password was sent."
	case verify.KindPlaintextRefused:
		return "Logging in would have sent the password unencrypted; it was not sent."
	case verify.KindAuthFailed:
		return "The server rejected the user name or password."
	case verify.KindAuthUnsupported:
		return "The server and setupwiz have no login method in common."
	case verify.KindAppPassword:
		return "The provider wants an app password (or OAuth2), not your normal password."
	case verify.KindServerBusy:
		return "The server reported a temporary problem."
	case verify.KindMailbox:
		return mailboxFailureWords(step)
	case verify.KindCanceled:
		return "The check was cancelled."
	}
	return "The server's answer did not follow the protocol."
}

func mailboxFailureWords(step verify.StepName) string {
	if step == verify.StepSend {
		return "The server refused the test message."
	}
	return "The login worked, but the mailbox could not be read."
}

// writeFailure explains a failed service: what failed, the server's words,
// what to do, and for certificate problems the certificate itself with the
// ways to trust it.
func writeFailure(w io.Writer, s *verify.ServiceResult) {
	e := s.Error
	wrapLine(w, "  ", kindWords(e.Kind, e.Step))
	if e.Cert != nil {
		writeCert(w, e.Cert, s.Server.Host)
		return
	}
	if e.ServerText != "" {
		wrapLine(w, "    ", "Server said: "+e.ServerText)
	} else if e.Err != nil && e.Kind != verify.KindTimeout && e.Kind != verify.KindCanceled {
		wrapLine(w, "    ", "Error: "+e.Err.Error())
	}
	if e.Hint != "" {
		wrapLine(w, "    ", "What to do: "+e.Hint)
	}
}

// certProblemWords says what is wrong with the certificate.
func certProblemWords(c *verify.CertInfo, host string) string {
	switch c.Problem {
	case "expired":
		return "It expired on " + c.NotAfter.UTC().Format("2006-01-02") + "; tell the provider."
	case "not_yet_valid":
		return "It is valid only from " + c.NotBefore.UTC().Format("2006-01-02 15:04 MST") + "; check this computer's clock."
	case "name_mismatch":
		return "It was issued for other names than " + host + "; if one of them is your provider's, use that as the server."
	}
	return "It is not signed by an authority this computer trusts."
}

// writeCert shows the certificate so the user can compare the fingerprint
// with the provider's, and how to trust it: a private CA with -ca-file, or
// this very certificate by pinning its fingerprint.
func writeCert(w io.Writer, c *verify.CertInfo, host string) {
	wrapLine(w, "    ", certProblemWords(c, host))
	wrapIndent(w, "    Certificate for:", strings.Repeat(" ", 21), listedNames(*c))
	fmt.Fprintf(w, "    Issued by:       %s\n", cut(c.Issuer, reportWidth-21))
	fmt.Fprintf(w, "    Valid:           %s to %s\n", c.NotBefore.UTC().Format("2006-01-02"), c.NotAfter.UTC().Format("2006-01-02"))
	hex := strings.ReplaceAll(c.SHA256, ":", "")
	if hex == "" {
		return
	}
	fmt.Fprintf(w, "    SHA-256:\n      %s\n", hex)
	wrapLine(w, "    ", "For a private CA, pass its certificate with --ca-file. If this fingerprint is the one your provider publishes, you can trust this certificate with:")
	fmt.Fprintf(w, "  --pin-sha256 %s\n", hex)
}

// maxListedNames bounds the names shown for a certificate (some cover hundreds).
const maxListedNames = 12

// listedNames is the certificate's names, comma-separated, at most
// maxListedNames of them and then how many more.
func listedNames(c verify.CertInfo) string {
	names := append(append([]string{}, c.DNSNames...), c.IPs...)
	if len(names) == 0 {
		return c.Subject
	}
	if len(names) <= maxListedNames {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxListedNames], ", "), len(names)-maxListedNames)
}
