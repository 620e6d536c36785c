// Package pop3 is a POP3 client: one method per command, replies parsed
// and bounded, negative replies returned as *Error with the server's words
// and its response code.
//
// Protocols: POP3 (RFC 1939: greeting with an optional APOP timestamp,
// USER/PASS, APOP, STAT, UIDL, TOP, QUIT), CAPA and extended response codes
// (RFC 2449), the AUTH response code and the SYS/* codes (RFC 3206), STLS
// (RFC 2595) and SASL AUTH (RFC 5034) through go-sasl's sasl.Client.
//
// # Pipelining
//
// The client never sends a command before the reply that changes the
// session's state has arrived: AUTH, USER, PASS, APOP and STLS each wait
// for their reply before anything else is written. Servers are not obliged
// to keep input across a state change, and some do not: Courier and Cyrus
// hand the connection to a new process after a login and drop whatever the
// client had already sent. Commands are pipelined only within one state and
// only when the server advertised PIPELINING (RFC 2449 §6.6): StatUIDL sends
// STAT and UIDL together once the login reply is in.
//
// # Bounds
//
// A reply line may be at most MaxLineLength bytes and a multi-line reply at
// most MaxLines lines; beyond that the client returns ErrLineTooLong or
// ErrTooManyLines instead of buffering. The client has no deadlines of its
// own: set them on the net.Conn (SetDeadline), or close it to stop a call.
package pop3
