package verify

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/emersion/go-smtp"
)

// readSMTPReply reads one (possibly multi-line) reply from c without
// reading past it. A reply other than want comes back as *smtp.SMTPError.
func readSMTPReply(c net.Conn, want int) (string, error) {
	tp := textproto.NewReader(bufio.NewReaderSize(oneByteReader{c}, 512))
	_, msg, err := tp.ReadResponse(want)
	var te *textproto.Error
	if errors.As(err, &te) {
		return msg, replyToSMTPError(te.Code, te.Msg)
	}
	if err != nil {
		return msg, fmt.Errorf("%w: %v", errBadReply, err)
	}
	return msg, nil
}

// replyToSMTPError splits an RFC 3463 enhanced code off the reply text.
func replyToSMTPError(code int, msg string) *smtp.SMTPError {
	se := &smtp.SMTPError{Code: code, Message: msg}
	first, rest, ok := strings.Cut(msg, " ")
	if !ok {
		return se
	}
	if enh, ok := parseEnhanced(first); ok {
		se.EnhancedCode = enh
		se.Message = strings.ReplaceAll(rest, "\n"+first+" ", "\n")
	}
	return se
}

// parseEnhanced parses "5.7.8".
func parseEnhanced(s string) (smtp.EnhancedCode, bool) {
	var enh smtp.EnhancedCode
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return enh, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 999 {
			return enh, false
		}
		enh[i] = n
	}
	return enh, true
}

// greetingReplay is the greeting as the wire carried it, for go-smtp to
// read again (see smtpConn).
func greetingReplay(msg string) []byte {
	lines := strings.Split(msg, "\n")
	var b strings.Builder
	for i, l := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		b.WriteString("220" + sep + l + "\r\n")
	}
	return []byte(b.String())
}
