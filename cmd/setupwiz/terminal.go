package main

import (
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/ui"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// stderrWidth is how wide the terminal on stderr is, or reportWidth when
// stderr is no terminal (a pipe or a file keeps lines of 80 columns).
func stderrWidth(e *env) int {
	if f, ok := e.stderr.(*os.File); ok && e.stderrIsTerminal {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return reportWidth
}

// sayWrapped prints text on stderr wrapped to its width between words,
// the lines after the first two columns further in (ui.Wrap); a terminal
// left to itself breaks words and paths anywhere. What could steer the
// terminal is escaped first.
func sayWrapped(e *env, text string) {
	fmt.Fprintln(e.stderr, ui.Wrap(termtext.Line(text), stderrWidth(e), 2))
}
