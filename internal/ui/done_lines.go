package ui

import (
	"fmt"
	"io"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// doneLines say in plain sentences what was written where and what to do
// next in each program: line mode's last step, and what the full-screen
// wizard leaves in the terminal when it ends, so it stays in the scrollback.
func doneLines(s *session) []string {
	out := []string{s.prof.Email + " is set up."}
	if len(s.out.Written) == 0 {
		out = append(out, "No files were written.")
	}
	for _, r := range s.out.Written {
		if changeNote(r, s.out.Backups) == "merged in" {
			out = append(out, fmt.Sprintf("Added the %s settings to %s (setupwiz's block; the rest of the file is as it was).", targetNames[r.Target], r.Path))
		} else {
			out = append(out, fmt.Sprintf("Wrote %s settings to %s.", targetNames[r.Target], r.Path))
		}
		for _, note := range s.notes[r.Path] {
			out = append(out, note+".") // "~/.muttrc is a symbolic link: setupwiz writes …"
		}
	}
	for _, b := range s.out.Backups {
		out = append(out, "Kept a backup of the old file at "+b+".")
	}
	for _, t := range allTargets {
		if why := s.cannotExport()[t]; why != "" {
			out = append(out, fmt.Sprintf("Not written for %s: %s.", targetNames[t], why))
		}
	}
	for _, t := range writtenTargets(s.out.Written) {
		out = append(out, "Next, "+s.nextStep(t))
	}
	return out
}

// printDone leaves the done screen's facts in the terminal after the
// full-screen wizard has gone, wrapped to the terminal's width (left to
// itself, the terminal breaks words and paths anywhere), each fact's own
// lines further in.
func printDone(w io.Writer, s *session, width int) {
	for _, line := range doneLines(s) {
		fmt.Fprintln(w, Wrap(termtext.Line(line), width, 2))
	}
}
