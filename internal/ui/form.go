package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// field is one labelled text input with an optional live check.
type field struct {
	label string
	in    textinput.Model
	check func(string) string // "" when the value is fine, else what is wrong
	err   string
	// choices lists the only answers, for line mode to say ("tls, starttls, none").
	choices []string
}

// form is an ordered group of fields with one focused.
type form struct {
	fields []*field
	focus  int
}

func newField(label, value, placeholder string, check func(string) string) *field {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 256
	in.SetWidth(44)
	in.SetValue(value)
	in.SetStyles(inputStyles(true))
	return &field{label: label, in: in, check: check}
}

func inputStyles(isDark bool) textinput.Styles {
	s := textinput.DefaultStyles(isDark)
	s.Cursor.Blink = false
	return s
}

func (f *form) value(i int) string { return strings.TrimSpace(f.fields[i].in.Value()) }

// focusOn moves the focus to field i.
func (f *form) focusOn(i int) tea.Cmd {
	for j, fl := range f.fields {
		if j != i {
			fl.in.Blur()
		}
	}
	f.focus = i
	return f.fields[i].in.Focus()
}

// next moves to the following field; it reports false on the last one.
func (f *form) next() (tea.Cmd, bool) {
	if f.focus+1 >= len(f.fields) {
		return nil, false
	}
	return f.focusOn(f.focus + 1), true
}

// prev moves to the previous field; it reports false on the first one.
func (f *form) prev() (tea.Cmd, bool) {
	if f.focus == 0 {
		return nil, false
	}
	return f.focusOn(f.focus - 1), true
}

// update passes a key to the focused field and re-runs its check.
func (f *form) update(msg tea.Msg) tea.Cmd { return f.focused().update(msg) }

// focused is the field with the focus.
func (f *form) focused() *field { return f.fields[f.focus] }

// update passes a key (or pasted text) to the field and re-runs its check.
func (fl *field) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	fl.in, cmd = fl.in.Update(msg)
	fl.err = ""
	if fl.check != nil && fl.in.Value() != "" {
		fl.err = fl.check(fl.in.Value())
	}
	return cmd
}

// validate runs every check (empty values included) and focuses the first bad field.
func (f *form) validate() bool {
	bad := -1
	for i, fl := range f.fields {
		fl.err = ""
		if fl.check != nil {
			fl.err = fl.check(fl.in.Value())
		}
		if fl.err != "" && bad < 0 {
			bad = i
		}
	}
	if bad >= 0 {
		f.focusOn(bad)
	}
	return bad < 0
}

func (f *form) setStyles(isDark bool) {
	for _, fl := range f.fields {
		fl.in.SetStyles(inputStyles(isDark))
	}
}

// view draws each field as "label  value" with a marker on the focused one and
// its problem underneath.
func (f *form) view(st styles, labelWidth int) string {
	var b strings.Builder
	for i, fl := range f.fields {
		mark, label := "  ", st.label.Render(pad(fl.label, labelWidth))
		if i == f.focus && fl.in.Focused() {
			mark, label = st.focus.Render("› "), st.focus.Render(pad(fl.label, labelWidth))
		}
		b.WriteString(mark + label + " " + inputView(fl.in) + "\n")
		if fl.err != "" {
			b.WriteString(strings.Repeat(" ", labelWidth+3) + st.errText.Render(fl.err) + "\n")
		}
	}
	return b.String()
}

// inputView draws a text input. Its value may have come from the network
// (a discovered host or username): the input itself drops control
// characters but shows bidirectional controls, so they are escaped here; the
// value stays exact.
func inputView(in textinput.Model) string { return termtext.Styled(in.View()) }

func pad(s string, w int) string {
	if n := w - len([]rune(s)); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}
