package verify

import (
	"fmt"
	"strings"
)

// pop3Reply is one parsed POP3 status line.
type pop3Reply struct {
	OK   bool   // +OK
	Cont bool   // "+ ..." SASL continuation (RFC 5034)
	Code string // extended response code without brackets, upper case: AUTH, SYS/TEMP, IN-USE …
	Text string // the human text after the status and the code
}

// maxRespCode bounds the bracketed response code we accept (RFC 2449 codes are short).
const maxRespCode = 64

// parseReply parses a status line: "+OK text", "-ERR [CODE] text" or a
// continuation "+ base64". Anything else is a protocol error.
func parseReply(line string) (pop3Reply, error) {
	status, rest, _ := strings.Cut(line, " ")
	switch {
	case strings.EqualFold(status, "+OK"):
		return withCode(pop3Reply{OK: true}, rest), nil
	case strings.EqualFold(status, "-ERR"):
		return withCode(pop3Reply{}, rest), nil
	case status == "+":
		return pop3Reply{Cont: true, Text: rest}, nil
	}
	return pop3Reply{}, fmt.Errorf("%w: %q", errBadReply, safeTextString(line))
}

// withCode splits an RFC 2449 "[CODE] text" off the reply text.
func withCode(r pop3Reply, text string) pop3Reply {
	r.Text = text
	if !strings.HasPrefix(text, "[") {
		return r
	}
	end := strings.IndexByte(text, ']')
	if end < 2 || end > maxRespCode || !validCode(text[1:end]) {
		return r
	}
	r.Code = strings.ToUpper(text[1:end])
	r.Text = strings.TrimLeft(text[end+1:], " ")
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

// serverText is the reply as the server wrote it, safe to show.
func (r pop3Reply) serverText() string {
	s := "+OK"
	if !r.OK {
		s = "-ERR"
	}
	if r.Code != "" {
		s += " [" + r.Code + "]"
	}
	if r.Text != "" {
		s += " " + r.Text
	}
	return safeTextString(s)
}
