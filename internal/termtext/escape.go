package termtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s as one line that is safe to print: control characters
// (newlines too; tabs are kept), bidirectional controls, line and paragraph
// separators and bytes that are not UTF-8 are written as visible escapes.
func Line(s string) string { return escape(s, false) }

// Lines is Line for text of several lines: it keeps the newlines.
func Lines(s string) string { return escape(s, true) }

// Bounded is Line for bytes, cut once the result holds max bytes; the rest
// is counted ("…[N more bytes]").
func Bounded(b []byte, max int) string {
	var sb strings.Builder
	for len(b) > 0 && sb.Len() < max {
		r, size := utf8.DecodeRune(b)
		writeRune(&sb, r, b[:size], false)
		b = b[size:]
	}
	if len(b) > 0 {
		fmt.Fprintf(&sb, "…[%d more bytes]", len(b))
	}
	return sb.String()
}

func escape(s string, keepNewlines bool) string {
	if clean(s, keepNewlines) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		writeRune(&sb, r, []byte(s[i:i+size]), keepNewlines)
		i += size
	}
	return sb.String()
}

// clean reports whether s needs no escape at all (the common case).
func clean(s string, keepNewlines bool) bool {
	for i, r := range s {
		if r == utf8.RuneError && isInvalid(s[i:]) || Unsafe(r) && !(keepNewlines && r == '\n') {
			return false
		}
	}
	return true
}

func isInvalid(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size <= 1
}

// writeRune writes one decoded rune: itself when safe, otherwise bytes as
// \xNN (controls, invalid UTF-8) or the code point as \uNNNN (bidi
// controls, separators).
func writeRune(sb *strings.Builder, r rune, raw []byte, keepNewlines bool) {
	switch {
	case r == utf8.RuneError && len(raw) == 1, unicode.IsControl(r) && r != '\t' && !(keepNewlines && r == '\n'):
		for _, c := range raw {
			fmt.Fprintf(sb, `\x%02x`, c)
		}
	case Unsafe(r) && r > unicode.MaxASCII:
		fmt.Fprintf(sb, `\u%04x`, r)
	default:
		sb.Write(raw)
	}
}

// Unsafe reports whether r must not reach a terminal as itself: a C0 or C1
// control other than tab, DEL, a bidirectional control (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069) or a line or paragraph separator
// (U+2028, U+2029).
func Unsafe(r rune) bool {
	return unicode.IsControl(r) && r != '\t' || unicode.Is(unicode.Bidi_Control, r) || unicode.In(r, unicode.Zl, unicode.Zp)
}
