package termtexttest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Leak returns an error naming the first character in out that should never
// reach a terminal raw: a C0 control other than newline and tab, DEL, a C1
// control, a bidirectional control, a line or paragraph separator, a byte
// that is not UTF-8. It is written apart from package termtext on purpose, so the
// sanitiser is not checked against itself.
func Leak(out string) error {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && size == 1 {
			return leakAt(out, i, fmt.Sprintf("byte %#x that is not UTF-8", out[i]))
		}
		if forbidden(r) {
			return leakAt(out, i, fmt.Sprintf("%U", r))
		}
		i += size
	}
	return nil
}

// Forged returns an error when a line of out begins "FORGED": a newline of
// a value that should have stayed on one line came through (Hostile's last
// string). Text shown as several lines on purpose, a diff, may do this.
func Forged(out string) error {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "FORGED") {
			return fmt.Errorf("a forged line came through: %q", line)
		}
	}
	return nil
}

// sgr is a Select Graphic Rendition sequence: colour, bold, reverse.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// LeakStyled is Leak for a styled frame (the wizard's): the SGR sequences
// its styles draw with are allowed; any other escape is a leak. A hostile
// value's own SGR would pass, but Hostile never holds only that.
func LeakStyled(out string) error { return Leak(sgr.ReplaceAllString(out, "")) }

func forbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return r == 0x2028 || r == 0x2029
}

func leakAt(out string, i int, what string) error {
	from, to := max(0, i-40), min(len(out), i+40)
	return fmt.Errorf("%s at byte %d came out raw: %q", what, i, out[from:to])
}
