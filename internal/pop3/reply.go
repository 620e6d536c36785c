package pop3

import (
	"strings"
)

// reply is one parsed status line.
type reply struct {
	ok   bool   // +OK
	cont bool   // "+ …": a SASL challenge (RFC 5034)
	code string // RFC 2449 response code, upper case, without brackets
	text string // the words after the status and the code
}

// maxRespCode bounds the bracketed response code (RFC 2449 codes are short).
const maxRespCode = 64

// parseReply parses "+OK text", "-ERR [CODE] text" or a continuation
// "+ base64". Anything else is a *ProtocolError.
func parseReply(line string) (reply, error) {
	status, rest, _ := strings.Cut(line, " ")
	switch {
	case strings.EqualFold(status, "+OK"):
		return withCode(reply{ok: true}, rest), nil
	case strings.EqualFold(status, "-ERR"):
		return withCode(reply{}, rest), nil
	case status == "+":
		return reply{cont: true, text: rest}, nil
	}
	return reply{}, &ProtocolError{Line: line}
}

// withCode splits an RFC 2449 "[CODE] text" off the reply text.
func withCode(r reply, text string) reply {
	r.text = text
	if !strings.HasPrefix(text, "[") {
		return r
	}
	end := strings.IndexByte(text, ']')
	if end < 2 || end > maxRespCode || !validCode(text[1:end]) {
		return r
	}
	r.code = strings.ToUpper(text[1:end])
	r.text = strings.TrimLeft(text[end+1:], " ")
	return r
}

// validCode accepts the RFC 2449 resp-code shape: printable ASCII without spaces or brackets.
func validCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '[' {
			return false
		}
	}
	return true
}

// err is the reply as an error: nil for +OK, *Error for -ERR.
func (r reply) err() error {
	if r.ok {
		return nil
	}
	if r.cont {
		return &ProtocolError{Line: "+ " + r.text}
	}
	return &Error{Code: r.code, Text: r.text}
}
