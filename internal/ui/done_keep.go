package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// keepRow is the done screen's question: where to remember the password for
// setupwiz repair. It shows only the places that work on this machine.
type keepRow struct {
	choices []keepChoice
	i       int
	note    string // why the system keyring is not offered, or ""
	keeping bool   // the keeper is storing the password
	err     error  // the last store failed; the profile keeps "ask each time"
}

// keepDoneMsg is the answer of the keeper.
type keepDoneMsg struct {
	choice keepChoice
	err    error
}

func newKeepRow(s *session) keepRow {
	if s.needsSignIn() { // no password: the sign-in was kept after the check
		return keepRow{choices: []keepChoice{askEachTime}}
	}
	return keepRow{choices: s.keepChoices(), note: s.keyringNote()}
}

// shown reports whether there is a choice to make, or a missing one to explain.
func (r *keepRow) shown() bool { return len(r.choices) > 1 || r.note != "" }

func (r *keepRow) current() keepChoice { return r.choices[r.i] }

// cycle moves through the choices, wrapping around.
func (r *keepRow) cycle(d int) {
	n := len(r.choices)
	r.i = (r.i + d + n) % n
}

var keepBinding = key.NewBinding(key.WithKeys("space", "left", "right"), key.WithHelp("space", "change"))

// keep stores the password at the chosen place in the background, or
// finishes at once for "ask each time".
func (r *keepRow) keep(w *wizard) tea.Cmd {
	c := r.current()
	if c.ref == askEachTime.ref {
		w.s.kept(c, nil)
		return w.finish()
	}
	r.keeping, r.err = true, nil
	s := w.s
	return startJob(func(func(tea.Msg)) tea.Msg { return keepDoneMsg{choice: c, err: s.keepAt(c)} })
}

// onDone finishes when the password is stored; a failure is shown and the
// choice goes back to "ask each time".
func (r *keepRow) onDone(w *wizard, m keepDoneMsg) tea.Cmd {
	r.keeping = false
	w.s.kept(m.choice, m.err)
	if m.err == nil {
		return w.finish()
	}
	r.err, r.i = m.err, 0
	return nil
}

func (r *keepRow) view(w *wizard) string {
	if !r.shown() {
		return ""
	}
	st := w.st
	var b strings.Builder
	b.WriteString("\n" + st.title.Render("Remember the password for repair") + "  ")
	b.WriteString(st.focus.Render("‹ "+r.current().label+" ›") + st.subtle.Render(fmt.Sprintf("  %d of %d", r.i+1, len(r.choices))) + "\n")
	b.WriteString(st.subtle.Render(indentWrap(termtext.Line(r.current().explain), w.bodyWidth(), 2)) + "\n")
	if r.note != "" {
		b.WriteString(st.warn.Render(indentWrap(termtext.Line(r.note), w.bodyWidth(), 2)) + "\n")
	}
	switch {
	case r.keeping:
		b.WriteString(indentWrap("Storing the password in "+r.current().label+" …", w.bodyWidth(), 2) + "\n")
	case r.err != nil:
		b.WriteString(st.errText.Render(indentWrap("Storing the password failed: "+termtext.Line(r.err.Error())+". It is NOT stored; the profile keeps \"ask each time\"; choose another place, or press enter to finish.", w.bodyWidth(), 2)) + "\n")
	}
	return b.String()
}
