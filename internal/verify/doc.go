// Package verify logs in to a POP3 server and an SMTP submission server for
// real, side by side, and reports what it saw as data: every step with its
// duration, the TLS version and certificate, capabilities, the SASL mechanism
// used, mailbox statistics, and on failure a typed *Error with a Kind from a
// closed list, the server's own words and a hint a person can act on.
//
// The POP3 protocol itself is internal/pop3's client; this package keeps
// the policy: which steps run, their deadlines, what a failure means.
//
// Protocols: POP3 (RFC 1939), CAPA and response codes (RFC 2449, RFC 3206),
// STLS (RFC 2595), POP3 AUTH (RFC 5034), SMTP submission (RFC 6409),
// STARTTLS (RFC 3207), SMTP AUTH (RFC 4954), enhanced status codes (RFC 3463),
// implicit TLS for mail access (RFC 8314); SASL PLAIN (RFC 4616), LOGIN,
// CRAM-MD5 (RFC 2195), SCRAM-SHA-1/-256 (RFC 5802, RFC 7677),
// OAUTHBEARER (RFC 7628) and XOAUTH2.
//
// Security: certificates are verified (system roots plus an optional CA file;
// an untrusted certificate passes only when its SHA-256 fingerprint is pinned);
// TLS 1.2 is the floor; no credential is sent before TLS unless the caller set
// AllowPlaintext; passwords never appear in transcripts or errors.
package verify
