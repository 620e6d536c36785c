package main

import (
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/ui"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// sayWrapped prints text on stderr wrapped to its width between words,
// the lines after the first two columns further in (ui.Wrap); a terminal
// left to itself breaks words and paths anywhere. What could steer the
// terminal is escaped first.
func sayWrapped(e *env, text string) {
	fmt.Fprintln(e.stderr, ui.Wrap(termtext.Line(text), textWidth(e.stderr), 2))
}
