package importers

import (
	"strconv"
	"strings"
)

// fmToken is one fetchmailrc token; quoted strings are never keywords.
type fmToken struct {
	text   string
	quoted bool
}

// lexFetchmail splits a fetchmailrc into tokens the way fetchmail's lexer
// does: # comments outside quotes, "…" or '…' strings (a quote can never
// appear inside), the noise punctuation , ; : dropped, escapes() applied to
// every word and string.
func lexFetchmail(src string) []fmToken {
	var toks []fmToken
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '#':
			i = skipLine(src, i)
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				end = len(src) - i - 1 // unterminated: fetchmail fails; we take the rest
			}
			toks = append(toks, fmToken{fetchmailUnescape(src[i+1 : i+1+end]), true})
			i += end + 2
		case isFetchmailSpace(c):
			i++
		default:
			j := i
			for j < len(src) && !isFetchmailSpace(src[j]) && src[j] != '"' && src[j] != '\'' && src[j] != '#' {
				j++
			}
			toks = append(toks, fmToken{fetchmailUnescape(src[i:j]), false})
			i = j
		}
	}
	return toks
}

func skipLine(s string, i int) int {
	if nl := strings.IndexByte(s[i:], '\n'); nl >= 0 {
		return i + nl + 1
	}
	return len(s)
}

func isFetchmailSpace(c byte) bool { return strings.IndexByte(" \t\r\n,;:", c) >= 0 }

// fetchmailUnescape applies fetchmail's escapes(): \\ \n \t \b \r, \xHH (at
// most two hex digits), \0ooo octal, \ddd decimal, and \c → c.
func fetchmailUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		n, c := fetchmailEscape(s[i+1:])
		b.WriteByte(c)
		i += n
	}
	return b.String()
}

// fetchmailEscape decodes the escape after a backslash: bytes consumed, value.
func fetchmailEscape(s string) (int, byte) {
	switch c := s[0]; {
	case c == 'x' && len(s) > 1 && isHex(s[1]):
		n := digitRun(s[1:], 2, isHex)
		v, _ := strconv.ParseUint(s[1:1+n], 16, 8)
		return 1 + n, byte(v)
	case c == '0':
		n := digitRun(s[1:], 3, func(c byte) bool { return c >= '0' && c <= '7' })
		v, _ := strconv.ParseUint("0"+s[1:1+n], 8, 16)
		return 1 + n, byte(v)
	case c >= '1' && c <= '9':
		n := digitRun(s, 3, func(c byte) bool { return c >= '0' && c <= '9' })
		v, _ := strconv.ParseUint(s[:n], 10, 16)
		return n, byte(v)
	default:
		return 1, simpleEscape(c)
	}
}

func simpleEscape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'r':
		return '\r'
	}
	return c
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// digitRun counts up to max leading bytes of s that satisfy ok.
func digitRun(s string, max int, ok func(byte) bool) int {
	n := 0
	for n < len(s) && n < max && ok(s[n]) {
		n++
	}
	return n
}
