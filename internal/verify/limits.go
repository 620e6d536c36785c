package verify

import (
	"errors"

	"github.com/setupwiz/setupwiz/internal/pop3"
)

// Size bounds for everything read from a server. A hostile or broken server
// cannot make us buffer more than this, however it behaves.
const (
	// maxWireLine bounds one line on the wire (transcript wrapper, every protocol).
	maxWireLine = 64 << 10
	// maxSessionRead bounds the bytes read from one server in one session.
	maxSessionRead = 1 << 20
	// maxPOP3Line bounds a POP3 reply line: RFC 1939 allows 512 octets; we accept more.
	maxPOP3Line = 8 << 10
	// maxMultiLines bounds the number of lines in a POP3 multi-line reply we parse (CAPA, AUTH list).
	maxMultiLines = 256
	// maxSASLSteps bounds the challenges we answer before aborting an AUTH exchange.
	maxSASLSteps = 10
)

// Errors returned by the bounded readers; classifyNetErr maps them to KindProtocol.
var (
	errLineTooLong  = errors.New("the server sent a line longer than the protocol allows")
	errTooMuchData  = errors.New("the server sent more data than a login check needs")
	errTooManySteps = errors.New("the server kept sending authentication challenges")
	errBadReply     = errors.New("the server sent a reply that does not follow the protocol")
	errTooManyLines = errors.New("the server sent a multi-line reply with too many lines")
)

// protocolError marks errors that mean "the server broke the protocol".
func protocolError(err error) bool {
	var pe *pop3.ProtocolError
	if errors.As(err, &pe) {
		return true
	}
	for _, p := range []error{errLineTooLong, errTooMuchData, errTooManySteps, errBadReply, errTooManyLines,
		pop3.ErrLineTooLong, pop3.ErrTooManyLines, pop3.ErrTooManySteps, pop3.ErrBadChallenge, pop3.ErrBadStat,
		pop3.ErrAuthAborted} {
		if errors.Is(err, p) {
			return true
		}
	}
	return false
}
