package verify

// Kind classifies a verification failure. The list is closed: callers switch on it,
// and the JSON document uses these exact names.
type Kind string

const (
	KindDNS                 Kind = "dns"                   // the host name does not resolve
	KindRefused             Kind = "refused"               // TCP connection refused (nothing listens)
	KindTimeout             Kind = "timeout"               // a step took longer than its deadline
	KindNetwork             Kind = "network"               // other network errors: unreachable, reset, closed mid-reply
	KindTLSHandshake        Kind = "tls_handshake"         // TLS could not be negotiated (wrong mode, old version, garbage)
	KindTLSCertificate      Kind = "tls_certificate"       // the certificate is not trusted (authority, expiry, name)
	KindSTARTTLSUnavailable Kind = "starttls_unavailable"  // STARTTLS/STLS expected but not offered or refused
	KindPlaintextRefused    Kind = "plaintext_refused"     // we refused to send credentials in cleartext (or the server did)
	KindAuthFailed          Kind = "auth_failed"           // the server rejected the credentials
	KindAuthUnsupported     Kind = "auth_unsupported"      // no mechanism both sides support
	KindAppPassword         Kind = "app_password_required" // the password may be right but the provider wants an app password or OAuth2
	KindServerBusy          Kind = "server_busy"           // temporary: mailbox in use, login delay, 4xx, SYS/TEMP
	KindProtocol            Kind = "protocol"              // the server broke the protocol (bad reply, oversize line, endless challenges)
	KindMailbox             Kind = "mailbox"               // logged in, but the mailbox could not be opened or read (SYS/PERM, STAT failed)
	KindCanceled            Kind = "canceled"              // the caller cancelled the check
)

// Kinds lists every Kind, in a stable order.
var Kinds = []Kind{
	KindDNS, KindRefused, KindTimeout, KindNetwork, KindTLSHandshake, KindTLSCertificate,
	KindSTARTTLSUnavailable, KindPlaintextRefused, KindAuthFailed, KindAuthUnsupported,
	KindAppPassword, KindServerBusy, KindProtocol, KindMailbox, KindCanceled,
}

// Temporary reports whether retrying later without changing anything may succeed.
func (k Kind) Temporary() bool {
	return k == KindServerBusy || k == KindTimeout || k == KindNetwork
}
