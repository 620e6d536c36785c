package importers

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// prefValue is one pref: a string, an int, or a bool (kind 's', 'i', 'b').
type prefValue struct {
	kind byte
	str  string
	num  int
}

// prefs maps pref names to values; later statements win, as in Thunderbird.
type prefs map[string]prefValue

// parsePrefsFile reads the user_pref/pref/sticky_pref statements of a
// prefs.js or user.js. The syntax is Mozilla's pref syntax, not JSON: //,
// /* */ and # comments; "…" or '…' strings with \" \\ \n \r \xHH \uHHHH
// (surrogate pairs too); integers; true/false. A malformed statement is
// skipped up to the next ';', as Thunderbird does.
func parsePrefsFile(src string) prefs {
	p := prefs{}
	s := &prefScanner{src: src}
	for !s.done() {
		if name, v, ok := s.statement(); ok {
			p[name] = v
		} else {
			s.skipPast(';')
		}
	}
	return p
}

type prefScanner struct {
	src string
	i   int
}

func (s *prefScanner) done() bool { s.space(); return s.i >= len(s.src) }

// space skips white space and comments.
func (s *prefScanner) space() {
	for s.i < len(s.src) {
		rest := s.src[s.i:]
		switch {
		case strings.HasPrefix(rest, "//"), rest[0] == '#':
			s.skipPast('\n')
		case strings.HasPrefix(rest, "/*"):
			end := strings.Index(rest[2:], "*/")
			s.i = len(s.src)
			if end >= 0 {
				s.i = len(s.src) - len(rest) + end + 4
			}
		case strings.IndexByte(" \t\r\n", rest[0]) >= 0:
			s.i++
		default:
			return
		}
	}
}

func (s *prefScanner) skipPast(c byte) {
	if j := strings.IndexByte(s.src[s.i:], c); j >= 0 {
		s.i += j + 1
		return
	}
	s.i = len(s.src)
}

// expect consumes tok (after space) or reports false.
func (s *prefScanner) expect(tok string) bool {
	s.space()
	if strings.HasPrefix(s.src[s.i:], tok) {
		s.i += len(tok)
		return true
	}
	return false
}

// statement parses FUNC("name", value);
func (s *prefScanner) statement() (string, prefValue, bool) {
	ok := false
	for _, fn := range []string{"user_pref", "sticky_pref", "pref"} {
		if ok = s.expect(fn); ok {
			break
		}
	}
	if !ok || !s.expect("(") {
		return "", prefValue{}, false
	}
	s.space()
	name, ok := s.str()
	if !ok || !s.expect(",") {
		return "", prefValue{}, false
	}
	v, ok := s.value()
	if !ok || !s.expect(")") || !s.expect(";") {
		return "", prefValue{}, false
	}
	return name, v, true
}

func (s *prefScanner) value() (prefValue, bool) {
	s.space()
	if s.i >= len(s.src) {
		return prefValue{}, false
	}
	if c := s.src[s.i]; c == '"' || c == '\'' {
		str, ok := s.str()
		return prefValue{kind: 's', str: str}, ok
	}
	for _, b := range []struct {
		word string
		num  int
	}{{"true", 1}, {"false", 0}} {
		if s.expect(b.word) {
			return prefValue{kind: 'b', num: b.num}, true
		}
	}
	return s.integer()
}

func (s *prefScanner) integer() (prefValue, bool) {
	j := s.i
	if j < len(s.src) && (s.src[j] == '-' || s.src[j] == '+') {
		j++
	}
	j += digitRun(s.src[j:], 11, func(c byte) bool { return c >= '0' && c <= '9' })
	n, err := strconv.ParseInt(s.src[s.i:j], 10, 32)
	if err != nil {
		return prefValue{}, false
	}
	s.i = j
	return prefValue{kind: 'i', num: int(n)}, true
}

// str reads a quoted string at s.i.
func (s *prefScanner) str() (string, bool) {
	if s.i >= len(s.src) || (s.src[s.i] != '"' && s.src[s.i] != '\'') {
		return "", false
	}
	q := s.src[s.i]
	var b strings.Builder
	for s.i++; s.i < len(s.src); s.i++ {
		c := s.src[s.i]
		switch {
		case c == q:
			s.i++
			return b.String(), true
		case c == '\n':
			return "", false
		case c == '\\':
			if !s.escape(&b) {
				return "", false
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}

// escape decodes the escape at s.i (the backslash), leaving s.i on its last byte.
func (s *prefScanner) escape(b *strings.Builder) bool {
	if s.i+1 >= len(s.src) {
		return false
	}
	s.i++
	switch c := s.src[s.i]; c {
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 'x':
		return s.hexEscape(b, 2)
	case 'u':
		return s.hexEscape(b, 4)
	default:
		b.WriteByte(c) // \" \\ \' and, leniently, anything else
	}
	return true
}

// hexEscape reads \xHH or \uHHHH (pairing UTF-16 surrogates).
func (s *prefScanner) hexEscape(b *strings.Builder, digits int) bool {
	r, ok := s.hex(digits)
	if !ok {
		return false
	}
	if utf16.IsSurrogate(r) && strings.HasPrefix(s.src[s.i+1:], `\u`) {
		s.i += 2
		if lo, ok := s.hex(4); ok {
			r = utf16.DecodeRune(r, lo)
		}
	}
	if r > utf8.MaxRune || utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	b.WriteRune(r)
	return true
}

// hex reads n hex digits after s.i and leaves s.i on the last one.
func (s *prefScanner) hex(n int) (rune, bool) {
	if s.i+n >= len(s.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(s.src[s.i+1:s.i+1+n], 16, 32)
	if err != nil {
		return 0, false
	}
	s.i += n
	return rune(v), true
}
