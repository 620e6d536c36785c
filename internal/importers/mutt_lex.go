package importers

import (
	"strings"
)

// muttWord is one muttrc token. dynamic is set when the value depends on
// the environment or a command (`…`, $VAR): we never run or expand those.
type muttWord struct {
	text    string
	dynamic bool
	sep     bool // an unquoted '=' between a variable and its value
}

// muttLexer splits a muttrc into commands (lists of words) following the
// manual's "Syntax of Initialization Files": # comments and ; separators
// outside quotes, '…' literal, "…" with backslash escapes, `command` and
// $VARIABLE substitution, and backslash escapes outside quotes.
type muttLexer struct {
	src  string
	i    int
	cmds [][]muttWord
	cmd  []muttWord
	word strings.Builder
	in   bool // a word is being built (it may be empty: '')
	dyn  bool
}

func lexMutt(src string) [][]muttWord {
	l := &muttLexer{src: src}
	for l.i < len(l.src) {
		l.step()
	}
	l.endCommand()
	return l.cmds
}

func (l *muttLexer) step() {
	c := l.src[l.i]
	l.i++
	switch c {
	case '#':
		l.skipComment()
	case '\n', ';':
		l.endCommand()
	case ' ', '\t', '\r':
		l.endWord()
	case '=':
		l.endWord()
		l.cmd = append(l.cmd, muttWord{text: "=", sep: true})
	case '\'':
		l.single()
	case '"':
		l.double()
	case '`':
		l.backtick()
	case '\\':
		l.escape()
	default:
		l.addByte(c)
	}
}

// skipComment moves to the line end, which then ends the command.
func (l *muttLexer) skipComment() {
	nl := strings.IndexByte(l.src[l.i:], '\n')
	if nl < 0 {
		l.i = len(l.src)
		return
	}
	l.i += nl
}

func (l *muttLexer) addByte(c byte) {
	l.word.WriteByte(c)
	l.in = true
}

func (l *muttLexer) add(s string) {
	l.word.WriteString(s)
	l.in = true
}

func (l *muttLexer) endWord() {
	if l.in {
		l.cmd = append(l.cmd, muttWord{text: l.word.String(), dynamic: l.dyn})
	}
	l.word.Reset()
	l.in, l.dyn = false, false
}

func (l *muttLexer) endCommand() {
	l.endWord()
	if len(l.cmd) > 0 {
		l.cmds = append(l.cmds, l.cmd)
	}
	l.cmd = nil
}

// single reads '…' literally.
func (l *muttLexer) single() {
	end := strings.IndexByte(l.src[l.i:], '\'')
	if end < 0 {
		end = len(l.src) - l.i
	}
	l.add(l.src[l.i : l.i+end])
	l.i = min(len(l.src), l.i+end+1)
}

// double reads "…": backslash escapes, `command` and $VAR mark the word dynamic.
func (l *muttLexer) double() {
	l.in = true
	for l.i < len(l.src) {
		c := l.src[l.i]
		l.i++
		switch c {
		case '"':
			return
		case '\\':
			l.escape()
		case '`':
			l.backtick()
		case '$':
			l.dyn = true
			l.add("$")
		default:
			l.addByte(c)
		}
	}
}

// backtick skips a command substitution: it is never run.
func (l *muttLexer) backtick() {
	end := strings.IndexByte(l.src[l.i:], '`')
	if end < 0 {
		end = len(l.src) - l.i
	}
	l.add("`" + l.src[l.i:l.i+end] + "`")
	l.dyn = true
	l.i = min(len(l.src), l.i+end+1)
}

// escape decodes the character(s) after a backslash (\n \r \t \f \e \cX \ooo, else literal).
func (l *muttLexer) escape() {
	if l.i >= len(l.src) {
		return
	}
	c := l.src[l.i]
	l.i++
	switch {
	case c == '\n':
		return // line continuation
	case c == 'c' && l.i < len(l.src):
		l.addByte(l.src[l.i] & 0x1f)
		l.i++
	case c >= '0' && c <= '7' && digitRun(l.src[l.i-1:], 3, isOctal) == 3:
		v := (c-'0')<<6 | (l.src[l.i]-'0')<<3 | (l.src[l.i+1] - '0')
		l.addByte(v)
		l.i += 2
	default:
		l.addByte(muttSimpleEscape(c))
	}
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func muttSimpleEscape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'f':
		return '\f'
	case 'e':
		return 0x1b
	}
	return c
}
