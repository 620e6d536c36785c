package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// reportWidth is the widest a line of our text is laid out: the width for
// a pipe or a file, and the most a terminal gets (prose wider than this is
// hard to read; the tables are laid out for it).
const reportWidth = 80

// textWidth is how wide the lines written to w may be: a terminal narrower
// than reportWidth gets its own width, so the terminal never breaks a word.
// It is the one width decision for everything the commands print.
func textWidth(w io.Writer) int {
	if cw, ok := w.(*colorprofile.Writer); ok { // styled help: the terminal is behind it
		w = cw.Forward
	}
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		if tw, _, err := term.GetSize(int(f.Fd())); err == nil && tw > 0 {
			return min(tw, reportWidth)
		}
	}
	return reportWidth
}

// wrapIndent prints text wrapped to w's width between words: the first
// line after first, the others after rest (each says its own separator:
// "Next: "). A word longer than a line (a URL, a path) stays whole on a
// line of its own, so it can be copied. What could steer the terminal in
// first and text is escaped first. It is the one wrapper of the commands'
// reports; the others below only choose the indent.
func wrapIndent(w io.Writer, first, rest, text string) {
	width := textWidth(w)
	line, empty := termtext.Line(first), true // empty: no word on this line yet
	for _, word := range strings.Fields(termtext.Line(text)) {
		if !empty && runeLen(line)+1+runeLen(word) > width {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line, empty = line+word, false
	}
	fmt.Fprintln(w, strings.TrimRight(line, " "))
}

// wrapLine prints text after indent, continuation lines two spaces further in.
func wrapLine(w io.Writer, indent, text string) {
	wrapIndent(w, indent, indent+"  ", text)
}

// wrapHanging prints prefix and text, continuation lines indented to where
// the text began.
func wrapHanging(w io.Writer, prefix, text string) {
	prefix = termtext.Line(prefix)
	wrapIndent(w, prefix, strings.Repeat(" ", runeLen(prefix)), text)
}

// cut shortens s to at most width runes, marking the cut. It is a line of
// the report: what could steer the terminal is escaped first.
func cut(s string, width int) string {
	s = termtext.Line(s)
	r := []rune(s)
	if len(r) <= width {
		return s
	}
	return string(r[:width-1]) + "…"
}

func runeLen(s string) int { return len([]rune(s)) }
