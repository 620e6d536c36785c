package pop3

import (
	"errors"
	"fmt"
)

// Error is a negative reply ("-ERR …") from the server.
type Error struct {
	// Code is the RFC 2449 response code without brackets, upper case:
	// "AUTH", "SYS/TEMP", "SYS/PERM", "IN-USE", "LOGIN-DELAY"; "" when the
	// server sent none.
	Code string
	// Text is the server's words after the status and the code.
	Text string
}

func (e *Error) Error() string {
	s := "-ERR"
	if e.Code != "" {
		s += " [" + e.Code + "]"
	}
	if e.Text != "" {
		s += " " + e.Text
	}
	return s
}

// ProtocolError is a line from the server that is not a POP3 reply where
// one was due (for example another protocol's greeting on this port).
type ProtocolError struct {
	Line string // as received, without CRLF
}

func (e *ProtocolError) Error() string { return fmt.Sprintf("pop3: not a POP3 reply: %q", e.Line) }

// Errors for replies the client refuses to read on, and for misuse.
var (
	ErrLineTooLong  = errors.New("pop3: the server sent a line longer than the client accepts")
	ErrTooManyLines = errors.New("pop3: the server sent a multi-line reply with too many lines")
	ErrAuthAborted  = errors.New("pop3: authentication aborted by the client")
	ErrTooManySteps = errors.New("pop3: the server kept sending authentication challenges")
	ErrBadChallenge = errors.New("pop3: the server's authentication challenge is not base64")
	ErrBadStat      = errors.New("pop3: the STAT reply is not \"count octets\"")
	ErrDataAfterTLS = errors.New("pop3: the server sent data after +OK to STLS, before TLS started")
	ErrCommandBreak = errors.New("pop3: refusing to send an argument containing a line break or NUL")
	ErrNoAPOP       = errors.New("pop3: the greeting has no APOP timestamp")
	ErrNotLoggedIn  = errors.New("pop3: the command needs a login first")
)
