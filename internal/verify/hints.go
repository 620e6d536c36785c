package verify

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// hintFor returns one line a person can act on for a network-level failure.
// Protocol-level hints (wrong password, app passwords) are set where the
// server's reply is classified.
func hintFor(e *Error, srv profile.Server) string {
	switch e.Kind {
	case KindDNS:
		return dnsHint(e.Err, srv.Host)
	case KindRefused:
		return fmt.Sprintf("nothing accepts connections on %s; check the port (%s)", srv.Address(), usualPorts(e.Service))
	case KindTimeout:
		return timeoutHint(e, srv)
	case KindNetwork:
		return networkHint(e)
	case KindTLSHandshake:
		return tlsHandshakeHint(e.Err, e.Service)
	case KindProtocol:
		return fmt.Sprintf("the server does not speak %s correctly here; check that host and port are the %s server", protoName(e.Service), protoName(e.Service))
	}
	return ""
}

func dnsHint(err error, host string) string {
	var d *net.DNSError
	if errors.As(err, &d) && (d.IsTimeout || d.IsTemporary) {
		return "the name server did not answer; check your internet connection"
	}
	return fmt.Sprintf("the name %q does not exist; check it for typos", host)
}

// timeoutHint knows which ports firewalls and antivirus programs like to block.
func timeoutHint(e *Error, srv profile.Server) string {
	if e.Step == StepGreeting && srv.Security != profile.SecurityTLS {
		return "the server sent no greeting; if this port expects TLS right away, set its security to tls"
	}
	if e.Step != StepConnect && e.Step != StepTLS {
		return "the server stopped answering; try again later, or raise --timeout on a slow link"
	}
	if h := portAdvice(srv.Port); h != "" {
		return h
	}
	return fmt.Sprintf("%s did not answer in time; a firewall may block port %d", srv.Host, srv.Port)
}

func portAdvice(port int) string {
	switch port {
	case 995:
		return "port 995 may be blocked by a firewall or antivirus; try 110 with STLS"
	case 110:
		return "port 110 may be blocked by a firewall; try 995 with TLS"
	case 465:
		return "port 465 may be blocked by a firewall or antivirus; try 587 with STARTTLS"
	case 587:
		return "port 587 may be blocked by a firewall; try 465 with TLS"
	case 25:
		return "port 25 is often blocked by internet providers; use 587 (STARTTLS) or 465 (TLS)"
	}
	return ""
}

func networkHint(e *Error) string {
	if closedEarly(e.Err) {
		return "the server closed the connection early; it may be overloaded or refusing your address, try again later"
	}
	return "the connection failed; check your internet connection"
}

func tlsHandshakeHint(err error, svc Service) string {
	var rec tls.RecordHeaderError
	if errors.As(err, &rec) {
		return fmt.Sprintf("the server answered in plaintext, not TLS; this port probably expects %s (security starttls)", startTLSName(svc))
	}
	var alert tls.AlertError
	if errors.As(err, &alert) && alert == tls.AlertError(70) {
		return "the server offers only TLS versions older than 1.2, which are not safe; ask the provider to update"
	}
	if serverTLSBroken(err) {
		return serverTLSBrokenHint
	}
	return "the TLS handshake failed; check that this port uses TLS right away (security tls) and not " + startTLSName(svc)
}

// serverTLSBrokenHint: the server speaks TLS but cannot complete it.
const serverTLSBrokenHint = "the server's own TLS setup is broken (it failed inside the handshake, for example " +
	"because its key does not match its certificate); changing the security setting will not help: tell the provider"

// serverTLSBroken reports a handshake that failed on the server's side: an
// internal_error alert (Exim with a broken key), or a signature the
// server's own certificate does not confirm (Courier, Postfix with a key
// that does not match). Neither means "use the other security mode".
func serverTLSBroken(err error) bool {
	var alert tls.AlertError
	if errors.As(err, &alert) && alert == tls.AlertError(80) {
		return true
	}
	return err != nil && strings.Contains(err.Error(), "invalid signature by the server certificate")
}

func usualPorts(svc Service) string {
	if svc == ServiceSMTP {
		return "SMTP submission: 465 with TLS or 587 with STARTTLS"
	}
	return "POP3: 995 with TLS or 110 with STLS"
}

func protoName(svc Service) string {
	if svc == ServiceSMTP {
		return "SMTP"
	}
	return "POP3"
}

func startTLSName(svc Service) string {
	if svc == ServiceSMTP {
		return "STARTTLS"
	}
	return "STLS"
}

// authFailedHint is what to do when either server rejected the login.
const authFailedHint = "check the password (it is case-sensitive) and whether the username is " +
	"the full address or only the part before @"

// withNamesTried adds the user names tried to an auth_failed hint.
func withNamesTried(e *Error, names []string) *Error {
	if e.Kind == KindAuthFailed && len(names) > 1 {
		e.Hint = fmt.Sprintf("%s (tried %s)", e.Hint, strings.Join(names, " and "))
	}
	return e
}

// withUpgradeHint points a plaintext_refused failure at the fix when the
// server offers STARTTLS (STLS) on the very port: switch the security
// setting, and the password goes encrypted.
func withUpgradeHint(e *Error, svc Service, offered bool) *Error {
	if e.Kind != KindPlaintextRefused || !offered {
		return e
	}
	flag, verb := "--pop-security", "STLS"
	if svc == ServiceSMTP {
		flag, verb = "--smtp-security", "STARTTLS"
	}
	e.Hint = fmt.Sprintf("this port offers encryption (%s): set the security to starttls (%s starttls) "+
		"and the password goes encrypted", verb, flag)
	return e
}
