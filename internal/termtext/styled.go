package termtext

import (
	"strings"
	"unicode/utf8"
)

// Styled is Line for text already drawn by a widget (a text input's view):
// it keeps the widget's own Select Graphic Rendition sequences (ESC [ … m:
// colour, bold, reverse for a cursor) and escapes everything else, newlines
// included. Only for widgets that strip escapes from their values
// themselves, as bubbles' text input does: an SGR sequence in the value
// would pass.
func Styled(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		if n := sgrLen(s[i:]); n > 0 {
			sb.WriteString(s[i : i+n])
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		writeRune(&sb, r, []byte(s[i:i+size]), false)
		i += size
	}
	return sb.String()
}

// sgrLen is the length of the SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c != ';' && c != ':' && (c < '0' || c > '9'):
			return 0
		}
	}
	return 0
}
