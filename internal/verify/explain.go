package verify

import (
	"errors"
	"fmt"
	"net"
)

// Explanation is what a failure means for the person at the keyboard. Every
// face (the verify report, the wizard, line mode, repair) shows these same
// words; only the way to act on them (a flag, a key) is the face's own.
type Explanation struct {
	// Sentence says what went wrong, as one whole sentence.
	Sentence string
	// Hint is the one thing to do first; "" when there is nothing to add
	// or when Todo says it (certificate failures).
	Hint string
	// Todo are further ways forward, in plain words (certificate failures:
	// what is wrong with it, and the two ways to trust it).
	Todo []string
}

// Circumstances are what the caller knows about a failure that the check
// itself does not.
type Circumstances struct {
	// HostListed says the host name came from setupwiz's own provider
	// table: it exists, so a lookup that says "no such host" means there
	// is no working network or DNS here, not a typo.
	HostListed bool
	// Host is the server's name, said where it helps ("issued for other names than …").
	Host string
}

// Explain is the one catalogue of failure explanations: kind and step give
// the sentence, the check's own hint (or the kind's) what to do.
func Explain(e *Error, c Circumstances) Explanation {
	x := Explanation{Sentence: sentence(e.Kind, e.Step), Hint: e.Hint}
	if e.Kind == KindDNS && c.HostListed && notFound(e.Err) {
		x.Sentence = "The server name could not be looked up: this computer has no working network or DNS right now."
		x.Hint = "check the internet connection (or the DNS server given with --dns-server), then try again; the name itself is right"
	}
	if e.Cert != nil {
		// The Todo lines say what is wrong and both ways to trust it; the
		// check's hint would say the first again in other words.
		x.Hint, x.Todo = "", certTodo(e.Cert, c.Host)
	}
	return x
}

// ExplainSendTest says what went wrong with the test message: sending it,
// or seeing it arrive.
func ExplainSendTest(e *Error) Explanation {
	x := Explain(e, Circumstances{})
	if e.Service == ServicePOP3 && e.Kind == KindTimeout {
		x.Sentence = "It was sent, but had not arrived in the POP3 mailbox when the wait ended."
	}
	return x
}

func notFound(err error) bool {
	var d *net.DNSError
	return errors.As(err, &d) && d.IsNotFound
}

// sentence says in plain words what each kind of failure means.
func sentence(k Kind, step StepName) string {
	switch k {
	case KindDNS:
		return "The server name could not be found."
	case KindRefused:
		return "The server refused the connection: nothing accepts connections there, or it refuses this computer."
	case KindTimeout:
		return fmt.Sprintf("The server did not answer in time (during %s).", step)
	case KindNetwork:
		return "The connection broke."
	case KindTLSHandshake:
		return "Encryption (TLS) could not be set up with this server on this port."
	case KindTLSCertificate:
		return "The server's certificate is not trusted, so nothing was sent."
	case KindSTARTTLSUnavailable:
		return "The server did not switch to encryption (STARTTLS), so no password was sent."
	case KindPlaintextRefused:
		return "Logging in would have sent the password unencrypted; it was not sent."
	case KindAuthFailed:
		return "The server rejected the username or password."
	case KindAuthUnsupported:
		return "The server and setupwiz have no login method in common."
	case KindAppPassword:
		return "The provider wants an app password (or OAuth2), not your normal password."
	case KindServerBusy:
		return "The server reported a temporary problem; try again in a minute."
	case KindMailbox:
		return mailboxSentence(step)
	case KindCanceled:
		return "The check was cancelled."
	}
	return "The server's answer did not follow the protocol."
}

func mailboxSentence(step StepName) string {
	if step == StepSend {
		return "The server refused the test message."
	}
	return "The login worked, but the mailbox could not be read."
}

// certTodo says what is wrong with a certificate and the two ways to trust it.
func certTodo(c *CertInfo, host string) []string {
	return []string{CertProblem(c, host),
		"If it is your own server with a private certificate authority, trust that authority (its certificate, --ca-file).",
		"If this fingerprint is the one your provider publishes, trust exactly this certificate by pinning its fingerprint."}
}

// CertProblem says what is wrong with the certificate of host.
func CertProblem(c *CertInfo, host string) string {
	if host == "" {
		host = "the server's"
	}
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
