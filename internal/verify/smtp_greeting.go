package verify

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/emersion/go-smtp"
)

// Bounds for the replies we read ourselves (the greeting and STARTTLS):
// RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets; like go-smtp we
// accept up to 2000.
const (
	maxReplyLines    = 64
	maxReplyLineSize = 2000
)

// readSMTPReply reads one (possibly multi-line) reply from c without
// reading past it. A reply other than want comes back as *smtp.SMTPError;
// the text is the reply's lines after the code, joined by "\n".
func readSMTPReply(c net.Conn, want int) (string, error) {
	code, msg, err := readSMTPReplyCode(c)
	if err != nil {
		return "", err
	}
	return replyResult(code, want, msg)
}

// readSMTPReplyCode reads one reply, whatever its code, byte by byte.
func readSMTPReplyCode(c net.Conn) (int, string, error) {
	br := bufio.NewReaderSize(oneByteReader{c}, maxReplyLineSize)
	var text []string
	for {
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return 0, "", errLineTooLong
		}
		if err != nil {
			return 0, "", err // a partial line is not a reply
		}
		line := string(raw)
		code, more, msg, ok := parseReplyLine(strings.TrimRight(line, "\r\n"))
		if !ok {
			return 0, "", fmt.Errorf("%w: %q", errBadReply, safeTextString(line))
		}
		if text = append(text, msg); len(text) > maxReplyLines {
			return 0, "", errTooManyLines
		}
		if !more {
			return code, strings.Join(text, "\n"), nil
		}
	}
}

// parseReplyLine splits "250-text" / "250 text" / "250" (RFC 5321 §4.2).
func parseReplyLine(line string) (code int, more bool, msg string, ok bool) {
	if len(line) < 3 || (len(line) > 3 && line[3] != ' ' && line[3] != '-') {
		return 0, false, "", false
	}
	code, err := strconv.Atoi(line[:3])
	if err != nil || code < 200 || code > 599 {
		return 0, false, "", false
	}
	if len(line) == 3 {
		return code, false, "", true
	}
	return code, line[3] == '-', line[4:], true
}

func replyResult(code, want int, msg string) (string, error) {
	if code != want {
		return msg, replyToSMTPError(code, msg)
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
