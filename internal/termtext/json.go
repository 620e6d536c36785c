package termtext

import (
	"fmt"
	"unicode/utf8"
)

// JSON makes JSON text safe to print without changing what it decodes to.
// encoding/json already writes C0 controls, U+2028 and U+2029 as \u
// escapes but lets C1 controls and bidirectional controls through as
// themselves, and DEL too; those become \u escapes. Outside strings JSON
// holds only ASCII (the whitespace between tokens is kept), so every such
// rune is inside a string, where the escape means the same character. Bytes that are not UTF-8 become \ufffd, as encoding/json
// would have made them.
func JSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, `\ufffd`...)
		case Unsafe(r) && r >= 0x7f:
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}
