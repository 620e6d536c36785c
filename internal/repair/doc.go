// Package repair compares a saved profile with what the live servers say
// now, names the cause of each failure (password changed, username form,
// server moved, port blocked, certificate changed, provider policy, server
// down), fixes only what is broken — asking the user for what only they know
// and trying alternatives for the rest — verifies again, re-exports every
// file written before (never overwriting a hand edit silently) and saves the
// profile with a history entry.
//
// Protocols are those of internal/verify: POP3 (RFC 1939, RFC 2449, RFC
// 2595, RFC 5034) and SMTP submission (RFC 6409, RFC 3207, RFC 4954).
package repair
