package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// minWrap is the narrowest column text is wrapped into: a hanging indent
// deeper than width allows is given up first.
const minWrap = 10

// Wrap fits text into width columns of a terminal, line by line (styles
// are kept). Lines break only at spaces, so paths and commands with hyphens
// stay whole to be copied: lipgloss and x/ansi also break after a hyphen.
// A word wider than a line is broken, never cut off. Every line a break
// makes starts with indent spaces: a hanging indent, so the wrapped text
// stays in its column (indent 0 wraps flush left).
//
// It is the one wrapper of the terminal's text: the wizard's screens, what
// the wizard leaves in the terminal when it ends, and the demo's words.
func Wrap(text string, width, indent int) string {
	if width-indent < minWrap {
		indent = 0
	}
	width = max(width, minWrap)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		out = append(out, wrapLine(line, width, indent)...)
	}
	return strings.Join(out, "\n")
}

// wrapLine wraps one line: its leading spaces stay on the first line, the
// lines after it start at indent.
func wrapLine(line string, width, indent int) []string {
	body := strings.TrimLeft(line, " ")
	cur := line[:len(line)-len(body)]
	curW, empty := len(cur), true // empty: no word on this line yet
	var out []string
	words := splitWords(body, width-indent)
	last := lastVisible(words)
	for i, word := range words {
		w := lipgloss.Width(word)
		if !empty && curW+1+w > width && i <= last { // never for trailing padding: a field's spaces, its cursor
			out = append(out, strings.TrimRight(cur, " "))
			cur, curW, empty = strings.Repeat(" ", indent), indent, true
		}
		if empty && word == "" {
			continue // a run of spaces where the line broke
		}
		if !empty {
			cur, curW = cur+" ", curW+1
		}
		cur, curW, empty = cur+word, curW+w, false
	}
	return append(out, strings.TrimRight(cur, " "))
}

// splitWords splits at single spaces (a run of spaces gives empty words,
// so it survives where the line does not break); a word wider than room is
// broken into pieces that fit.
func splitWords(s string, room int) []string {
	var words []string
	for _, w := range strings.Split(s, " ") {
		if lipgloss.Width(w) > room {
			words = append(words, strings.Split(ansi.Hardwrap(w, room, true), "\n")...)
			continue
		}
		words = append(words, w)
	}
	return words
}

// lastVisible is the index of the last word that shows anything.
func lastVisible(words []string) int {
	for i := len(words) - 1; i >= 0; i-- {
		if lipgloss.Width(words[i]) > 0 {
			return i
		}
	}
	return -1
}

// rowMarkers are what rows start with before their text: the cursor, a
// checkbox, a verdict, a bullet.
var rowMarkers = []string{"› ", "[x] ", "[ ] ", "✓ ", "✗ ", "• ", "– ", "- ", "→ "}

// textColumn is where a row's text begins: after its indentation and the
// markers in front of it. Wrapped, the row goes on in that column.
func textColumn(line string) int {
	rest, col := ansi.Strip(line), 0
	for {
		t := strings.TrimLeft(rest, " ")
		col, rest = col+len(rest)-len(t), t
		m := ""
		for _, mk := range rowMarkers {
			if strings.HasPrefix(rest, mk) {
				m = mk
			}
		}
		if m == "" {
			return col
		}
		col, rest = col+lipgloss.Width(m), rest[len(m):]
	}
}
