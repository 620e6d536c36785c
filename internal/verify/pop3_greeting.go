package verify

import (
	"bytes"
)

// notPOP3 explains a greeting that is not a POP3 status line: often
// another protocol on this port.
func notPOP3(line []byte, err error) *Error {
	e := &Error{Kind: KindProtocol, Step: StepGreeting, ServerText: safeText(line), Err: err}
	switch {
	case bytes.HasPrefix(line, []byte("220")):
		e.Hint = "this port answers like an SMTP server, not POP3; check the port (POP3: 995 or 110)"
	case bytes.HasPrefix(line, []byte("* OK")):
		e.Hint = "this port answers like an IMAP server, not POP3; check the port (POP3: 995 or 110)"
	default:
		e.Hint = "this does not look like a POP3 server; check host and port (POP3: 995 with TLS or 110 with STLS)"
	}
	return e
}
