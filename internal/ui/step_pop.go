package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// popStep sets what happens to mail on the server; each choice has a one-line reason.
type popStep struct {
	focus int // 0 leave, 1 days, 2 delete, 3 interval
	days  *field
	every *field
	keep  bool
	del   bool
	err   string
}

func newPOPStep() *popStep {
	p := &popStep{
		days:  newField("", "", "0", numberProblem(0, 3650)),
		every: newField("", "", "10", numberProblem(0, 1440)),
	}
	p.days.in.SetWidth(4)
	p.every.in.SetWidth(4)
	p.days.in.CharLimit, p.every.in.CharLimit = 4, 4
	return p
}

func numberProblem(lo, hi int) func(string) string {
	return func(v string) string {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if v != "" && (err != nil || n < lo || n > hi) {
			return fmt.Sprintf("A number from %d to %d.", lo, hi)
		}
		return ""
	}
}

func (p *popStep) name() string { return "Mail on the server" }
func (p *popStep) typing() bool { return p.focus == 1 || p.focus == 3 }
func (p *popStep) leave(w *wizard) {
	p.days.in.Blur()
	p.every.in.Blur()
}

func (p *popStep) setDark(isDark bool) {
	p.days.in.SetStyles(inputStyles(isDark))
	p.every.in.SetStyles(inputStyles(isDark))
}

func (p *popStep) enter(w *wizard) tea.Cmd {
	o := w.s.prof.POP
	p.keep, p.del = o.LeaveOnServer, o.DeleteWhenDeleted
	p.days.in.SetValue(strconv.Itoa(o.KeepDays))
	p.every.in.SetValue(strconv.Itoa(o.CheckIntervalMinutes))
	return p.focusOn(0)
}

func (p *popStep) focusOn(i int) tea.Cmd {
	p.focus = i
	p.days.in.Blur()
	p.every.in.Blur()
	switch i {
	case 1:
		return p.days.in.Focus()
	case 3:
		return p.every.in.Focus()
	}
	return nil
}

func (p *popStep) bindings(w *wizard) []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")), w.keys.Back, w.keys.Toggle, w.keys.Move}
}

func (p *popStep) moreKeys(w *wizard) []key.Binding {
	return []key.Binding{w.keys.Digits, w.keys.NextField, w.keys.PrevField}
}

func (p *popStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "shift+tab":
		if p.focus == 0 {
			return w.back()
		}
		return p.focusOn(p.prevFocus())
	case "up":
		return p.focusOn(p.prevFocus())
	case "down", "tab":
		return p.focusOn(p.nextFocus())
	case "esc":
		return w.back()
	case "enter":
		return p.save(w)
	case "space":
		if p.toggle() {
			return nil
		}
	}
	return p.typeInto(k)
}

// nextFocus skips the options that only apply when copies stay on the server.
func (p *popStep) nextFocus() int {
	if !p.keep {
		return 3
	}
	return min(p.focus+1, 3)
}

func (p *popStep) prevFocus() int {
	if !p.keep {
		return 0
	}
	return max(p.focus-1, 0)
}

// toggle flips the focused checkbox; it reports false on a text field.
func (p *popStep) toggle() bool {
	switch p.focus {
	case 0:
		p.keep = !p.keep
		if !p.keep {
			p.del = false
			p.days.in.SetValue("0")
		}
	case 2:
		p.del = !p.del
	default:
		return false
	}
	return true
}

func (p *popStep) typeInto(k tea.KeyPressMsg) tea.Cmd {
	f := p.typingField()
	if f == nil {
		return nil
	}
	var cmd tea.Cmd
	f.in, cmd = f.in.Update(k)
	f.err = f.check(f.in.Value())
	return cmd
}

// typingField is the focused number field, nil on a checkbox.
func (p *popStep) typingField() *field {
	return map[int]*field{1: p.days, 3: p.every}[p.focus]
}

func (p *popStep) save(w *wizard) tea.Cmd {
	if p.days.err != "" || p.every.err != "" {
		return nil
	}
	days, _ := strconv.Atoi(strings.TrimSpace(p.days.in.Value()))
	every, _ := strconv.Atoi(strings.TrimSpace(p.every.in.Value()))
	w.s.setPOP(profile.POPOptions{LeaveOnServer: p.keep, KeepDays: days, DeleteWhenDeleted: p.del, CheckIntervalMinutes: every})
	return w.next()
}

func (p *popStep) view(w *wizard) string {
	st := w.st
	var b strings.Builder
	b.WriteString(st.title.Render("What should happen to mail on the server?") + "\n\n")
	b.WriteString(p.item(w, 0, checkbox(p.keep)+" Leave a copy of each message on the server",
		"Keep this on if you also read mail on a phone or webmail: otherwise they never see it."))
	if p.keep {
		b.WriteString(p.item(w, 1, "Delete server copies after "+inputOrValue(p.days)+" days",
			"0 keeps them until you delete them; a number keeps the server from filling up."))
		b.WriteString(p.item(w, 2, checkbox(p.del)+" Remove from the server when I delete a message here",
			"Deleting in your mail program then also deletes the server copy."))
	}
	b.WriteString(p.item(w, 3, "Check for new mail every "+inputOrValue(p.every)+" minutes",
		"0 leaves it to the mail program's default."))
	for _, f := range []*field{p.days, p.every} {
		if f.err != "" {
			b.WriteString(st.errText.Render(f.err) + "\n")
		}
	}
	if r := w.s.result.POP3; r != nil && r.Mailbox != nil && !r.Mailbox.UIDL && p.keep {
		b.WriteString(st.warn.Render(wrap("This server does not support UIDL, so clients may download kept messages twice.", w.bodyWidth())) + "\n")
	}
	return b.String()
}

func (p *popStep) item(w *wizard, i int, text, why string) string {
	mark := "  "
	if p.focus == i {
		mark = w.st.focus.Render("› ")
	}
	return mark + text + "\n" + w.st.subtle.Render(indentWrap(why, w.bodyWidth(), 4)) + "\n"
}

func checkbox(on bool) string {
	if on {
		return "[x]"
	}
	return "[ ]"
}

// inputOrValue draws the input while it has the focus and just its value otherwise.
func inputOrValue(f *field) string {
	if f.in.Focused() {
		return inputView(f.in)
	}
	return termtext.Line(f.in.Value())
}
