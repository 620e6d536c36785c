// Package demo is the mail server behind `setupwiz demo`: a small POP3 server
// and an SMTP submission server (github.com/emersion/go-smtp) that run
// in-process on loopback, with a throwaway CA made in memory at start and a demo
// mailbox holding a few realistic messages. It lets anyone walk the whole wizard
// on a machine with no mail account, and it answers the way a real server
// (Dovecot) does, so the wizard shows the same screens.
//
// POP3 follows RFC 1939 (USER/PASS, STAT, LIST, UIDL, TOP, RETR, DELE, RSET,
// NOOP, QUIT), RFC 2449 (CAPA and response codes), RFC 3206 ([AUTH], [SYS/…]),
// RFC 2595 (STLS) and RFC 5034 (AUTH with SASL PLAIN and LOGIN). Submission
// follows RFC 6409 with STARTTLS (RFC 3207), implicit TLS (RFC 8314) and AUTH
// (RFC 4954). Neither server accepts a password before TLS.
package demo
