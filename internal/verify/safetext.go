package verify

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxShownText bounds any server text we keep (transcript lines, ServerText, greetings).
const maxShownText = 512

// safeText turns bytes from the network into text that is safe to show in a
// terminal or JSON: invalid UTF-8 and control characters become \xNN, and
// anything beyond maxShownText is cut with a marker.
func safeText(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 && sb.Len() < maxShownText {
		r, size := utf8.DecodeRune(b)
		writeShown(&sb, r, b[:size])
		b = b[size:]
	}
	if len(b) > 0 {
		fmt.Fprintf(&sb, "…[%d more bytes]", len(b))
	}
	return sb.String()
}

func writeShown(sb *strings.Builder, r rune, raw []byte) {
	if r == utf8.RuneError && len(raw) == 1 || (unicode.IsControl(r) && r != '\t') {
		for _, c := range raw {
			fmt.Fprintf(sb, `\x%02x`, c)
		}
		return
	}
	sb.WriteRune(r)
}

// safeTextString is printable for a string.
func safeTextString(s string) string { return safeText([]byte(s)) }
