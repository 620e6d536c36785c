package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// paster is a screen with a text field that takes pasted text (a bracketed
// paste arrives as one tea.PasteMsg, not as key presses).
type paster interface {
	paste(w *wizard, p tea.PasteMsg) tea.Cmd
}

// onPaste gives pasted text to the current screen's focused text field; with
// no field focused (or the help shown) it is dropped, never read as keys.
func (w *wizard) onPaste(p tea.PasteMsg) tea.Cmd {
	sc := w.screens[w.cur]
	ps, ok := sc.(paster)
	if w.showHelp || !ok || !sc.typing() {
		return nil
	}
	return ps.paste(w, p)
}

// paste puts pasted text into the field. One line's line break (what a copy
// of a whole line brings along) is dropped. Text the field cannot hold as it
// is — several lines, a tab, more than its limit — is refused with a reason:
// the text input would turn line breaks and tabs into spaces or cut the
// text, and a password changed that way fails with no clue why.
func (f *field) paste(p tea.PasteMsg) tea.Cmd {
	text := strings.TrimRight(p.Content, "\r\n")
	switch {
	case strings.ContainsAny(text, "\r\n\t"):
		f.err = "the pasted text has a line break or tab, which this field cannot hold: paste one line"
		return nil
	case f.in.CharLimit > 0 && utf8.RuneCountInString(f.in.Value())+utf8.RuneCountInString(text) > f.in.CharLimit:
		f.err = fmt.Sprintf("the pasted text would make this longer than %d characters", f.in.CharLimit)
		return nil
	}
	return f.update(tea.PasteMsg{Content: text})
}

func (a *accountStep) paste(_ *wizard, p tea.PasteMsg) tea.Cmd { return a.form.focused().paste(p) }

func (p *passwordStep) paste(_ *wizard, m tea.PasteMsg) tea.Cmd {
	p.typed = p.typed || p.form.focus == 0
	return p.form.focused().paste(m)
}

func (d *discoverStep) paste(_ *wizard, p tea.PasteMsg) tea.Cmd {
	return d.edit.form.focused().paste(p)
}

func (p *popStep) paste(_ *wizard, m tea.PasteMsg) tea.Cmd {
	if f := p.typingField(); f != nil {
		return f.paste(m)
	}
	return nil
}

func (e *exportStep) paste(w *wizard, p tea.PasteMsg) tea.Cmd {
	return tea.Batch(e.command.paste(p), e.replan(w))
}
