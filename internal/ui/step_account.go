package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// accountStep asks for the address (checked as you type) and the display name,
// and offers to repair a saved profile instead when there are any.
type accountStep struct {
	form    form
	picking bool // choosing a saved profile to repair
	pick    int
}

func newAccountStep(s *session) *accountStep {
	a := &accountStep{}
	a.form.fields = []*field{
		newField("Email", s.prof.Email, "jane@example.com", emailProblem),
		newField("Your name", s.prof.DisplayName, "Jane Doe (optional)", nameProblem),
	}
	return a
}

// emailProblem says what is missing from an address, in words.
func emailProblem(v string) string {
	_, _, err := profile.SplitEmail(v)
	if err == nil {
		return ""
	}
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return "Not an address yet: " + msg
}

func nameProblem(v string) string {
	if strings.ContainsAny(v, "\r\n\x00") {
		return "The name cannot contain a line break."
	}
	return ""
}

func (a *accountStep) name() string            { return "Account" }
func (a *accountStep) typing() bool            { return !a.picking }
func (a *accountStep) leave(*wizard)           {}
func (a *accountStep) setDark(d bool)          { a.form.setStyles(d) }
func (a *accountStep) enter(w *wizard) tea.Cmd { return a.form.focusOn(a.form.focus) }

func (a *accountStep) bindings(w *wizard) []key.Binding {
	if a.picking {
		return []key.Binding{w.keys.Move, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "repair")), w.keys.Back}
	}
	b := []key.Binding{w.keys.Next}
	if len(w.s.cfg.Profiles) > 0 {
		b = append(b, w.keys.Repair)
	}
	return b
}

// moreKeys: this first screen has nothing to go back to; shift+tab moves
// between its two fields.
func (a *accountStep) moreKeys(w *wizard) []key.Binding {
	if a.picking {
		return nil
	}
	return []key.Binding{w.keys.NextField, w.keys.PrevField}
}

func (a *accountStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	if a.picking {
		return a.pickKey(w, k)
	}
	switch {
	case key.Matches(k, w.keys.Repair) && len(w.s.cfg.Profiles) > 0:
		a.picking = true
		return nil
	case key.Matches(k, w.keys.Next):
		return a.advance(w)
	case key.Matches(k, w.keys.Back):
		cmd, _ := a.form.prev()
		return cmd
	}
	return a.form.update(k)
}

// advance moves to the name field, or on to the password once the address is good.
func (a *accountStep) advance(w *wizard) tea.Cmd {
	if !a.form.validate() {
		return nil
	}
	if cmd, ok := a.form.next(); ok {
		return cmd
	}
	w.s.setAccount(a.form.value(0), a.form.value(1))
	return w.next()
}

func (a *accountStep) pickKey(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	n := len(w.s.cfg.Profiles)
	switch k.String() {
	case "up", "k":
		a.pick = (a.pick + n - 1) % n
	case "down", "j":
		a.pick = (a.pick + 1) % n
	case "enter":
		w.s.out.RepairName = w.s.cfg.Profiles[a.pick]
		return w.finish()
	case "esc", "shift+tab":
		a.picking = false
	}
	return nil
}

func (a *accountStep) view(w *wizard) string {
	st := w.st
	var b strings.Builder
	b.WriteString(st.title.Render("Which mail account do you want to set up?") + "\n\n")
	b.WriteString(a.form.view(st, 10))
	b.WriteString("\n" + st.subtle.Render(wrap("setupwiz finds the POP3 and SMTP servers, logs in to both to prove they work, and writes settings for your mail programs.", w.bodyWidth())) + "\n")
	if len(w.s.cfg.Profiles) > 0 {
		b.WriteString("\n" + a.profilesView(w))
	}
	return b.String()
}

func (a *accountStep) profilesView(w *wizard) string {
	st := w.st
	if !a.picking {
		return st.subtle.Render("Something stopped working? Press ") + st.key.Render("ctrl+r") +
			st.subtle.Render(" to repair one of your saved profiles.") + "\n"
	}
	var b strings.Builder
	b.WriteString(st.title.Render("Repair which profile?") + "\n")
	for i, name := range w.s.cfg.Profiles {
		name = termtext.Line(name)
		if i == a.pick {
			b.WriteString(st.focus.Render("› "+name) + "\n")
		} else {
			b.WriteString("  " + name + "\n")
		}
	}
	return b.String()
}
