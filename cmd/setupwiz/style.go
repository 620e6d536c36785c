package main

import (
	"io"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// textStyle is how help and error lines look on a terminal: headings bold,
// flags and commands in the terminal's own magenta (the wizard's accent is
// purple), example comments faint, the "setupwiz:" of an error red.
type textStyle struct{ heading, flag, comment, errPrefix lipgloss.Style }

func newTextStyle() textStyle {
	return textStyle{
		heading:   lipgloss.NewStyle().Bold(true),
		flag:      lipgloss.NewStyle().Foreground(lipgloss.Color("5")),
		comment:   lipgloss.NewStyle().Faint(true),
		errPrefix: lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true),
	}
}

// styledWriter lets through only the styling w can show: none when w is not
// a terminal (a pipe, a file, a test's buffer), no colour with NO_COLOR or
// TERM=dumb, fewer colours on a terminal that has fewer.
func styledWriter(w io.Writer, e *env) io.Writer {
	return colorprofile.NewWriter(w, colorEnviron(e))
}

// colorEnviron is the part of the environment that decides about colour.
func colorEnviron(e *env) []string {
	environ := []string{}
	if e.getenv == nil {
		return environ
	}
	for _, k := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM_PROGRAM", "TMUX"} {
		if v := e.getenv(k); v != "" {
			environ = append(environ, k+"="+v)
		}
	}
	return environ
}
