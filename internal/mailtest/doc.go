// Package mailtest runs real mail servers on loopback for tests: a private
// Dovecot 2.3 instance speaking POP3 (RFC 1939, STLS from RFC 2595, implicit
// TLS on POP3S from RFC 8314) and message submission (RFC 6409, STARTTLS from
// RFC 3207, implicit TLS from RFC 8314), plus an in-process SMTP sink (RFC 5321)
// that Dovecot relays submitted mail to, so tests can inspect what was sent.
//
// Beside Dovecot it runs the other servers a mail client meets: Courier POP3
// (Courier; STLS and POP3S through couriertls), Cyrus POP3 (Cyrus; its
// syslog goes to a log of its own), Postfix submission with
// Cyrus SASL (Postfix; STARTTLS with smtpd_tls_auth_only, and wrapper-mode
// TLS) and Exim submission (Exim; it logs every line it does not
// understand). They need root: each runs in private mount and PID
// namespaces, so Courier's compiled-in /etc/courier is our own and no
// daemon outlives its test. SharedCourier, SharedCyrus, SharedPostfix and
// SharedExim hand out one per test binary.
//
// It is imported only from _test files. Use Shared for a server that lives as
// long as the test binary (call Main from TestMain so it is stopped at exit) and
// Start for a private server a test may break (stop it, change passwords, swap
// its certificate).
//
// The fixed users are alice, bob, carol, dave and erin (see Server.Users);
// alice has three messages with fixed UIDLs (AliceUIDLs), one with a line
// that starts with a dot. Tests on the shared server must leave it as they
// found it: no DELE+QUIT, no SetPassword, no Stop.
//
// Dovecot treats loopback clients as secure and would accept cleartext logins
// before STLS/STARTTLS. The strict ports (POP3STLS, SubmissionSTARTTLS)
// therefore sit behind a forwarder whose upstream connection comes from
// 127.0.0.2, so Dovecot enforces TLS there; the lenient ports are Dovecot's
// plain ports reached directly.
package mailtest
