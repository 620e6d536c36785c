package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// passwordStep asks for the password (masked, with a show/hide key) and, under
// "advanced", the login name, which defaults to the full address.
type passwordStep struct {
	form     form
	advanced bool
	retyping bool // back from a rejected login: the field starts empty
	// typed is set once the password field was edited. Until then the
	// password given (--password-file, --password-stdin) is used exactly:
	// the field itself turns a tab into a space and drops control
	// characters, which would log in with another password.
	typed bool
	// shownUser is the username the screen started with; only a change
	// to it is the user's choice (discovery's stays discovery's).
	shownUser string
}

func newPasswordStep(s *session) *passwordStep {
	p := &passwordStep{}
	pw := newField("Password", s.pass.Reveal(), "", passwordProblem)
	pw.in.EchoMode = textinput.EchoPassword
	pw.in.EchoCharacter = '•'
	p.form.fields = []*field{pw, newField("Username", "", "", usernameProblem)}
	return p
}

// passwordProblem is what keeps v from being a password: empty, or text no
// mail program can send (profile.CheckPasswordText, as on --password-stdin).
func passwordProblem(v string) string {
	if v == "" {
		return "Type the password: setupwiz needs it to log in."
	}
	if err := profile.CheckPasswordText(v); err != nil {
		msg := err.Error() // "the password holds a NUL byte, …"
		return strings.ToUpper(msg[:1]) + msg[1:] + ": type it again."
	}
	return ""
}

func usernameProblem(v string) string {
	if strings.ContainsAny(v, "\r\n\x00") {
		return "The username cannot contain a line break."
	}
	return ""
}

func (p *passwordStep) name() string   { return "Password" }
func (p *passwordStep) typing() bool   { return true }
func (p *passwordStep) setDark(d bool) { p.form.setStyles(d) }

// leave keeps a password typed here when the user goes back (to change
// the servers, say): coming forward again finds it in the field.
func (p *passwordStep) leave(w *wizard) {
	if v := p.form.fields[0].in.Value(); p.typed && passwordProblem(v) == "" {
		w.s.pass = profile.NewPassword(v)
	}
}

// enter shows the password at hand (given, or typed before and kept) and
// the username discovery chose for the servers in use.
func (p *passwordStep) enter(w *wizard) tea.Cmd {
	user := w.s.prof.Incoming.Username
	if user == "" {
		user = w.s.prof.Email
	}
	p.form.fields[1].in.SetValue(user)
	p.shownUser = p.form.value(1) // as the field holds it (it drops control characters)
	p.advanced = p.advanced || user != w.s.prof.Email
	p.retyping, w.retype = w.retype, false
	p.typed = p.retyping
	if p.retyping {
		p.form.fields[0].in.SetValue("")
	} else {
		p.form.fields[0].in.SetValue(w.s.pass.Reveal())
	}
	return p.form.focusOn(0)
}

func (p *passwordStep) bindings(w *wizard) []key.Binding {
	return []key.Binding{w.keys.Next, w.keys.Back, w.keys.Reveal, w.keys.Advanced}
}

func (p *passwordStep) moreKeys(w *wizard) []key.Binding {
	if !p.advanced {
		return nil
	}
	return []key.Binding{w.keys.NextField, w.keys.PrevField}
}

func (p *passwordStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, w.keys.Reveal):
		p.toggleEcho()
		return nil
	case key.Matches(k, w.keys.Advanced):
		p.advanced = !p.advanced
		return p.form.focusOn(0)
	case key.Matches(k, w.keys.Next):
		return p.advance(w)
	case key.Matches(k, w.keys.Back):
		if cmd, ok := p.form.prev(); ok {
			return cmd
		}
		return w.back()
	}
	p.typed = p.typed || p.form.focus == 0
	return p.form.update(k)
}

func (p *passwordStep) toggleEcho() {
	in := &p.form.fields[0].in
	if in.EchoMode == textinput.EchoPassword {
		in.EchoMode = textinput.EchoNormal
	} else {
		in.EchoMode = textinput.EchoPassword
	}
}

func (p *passwordStep) advance(w *wizard) tea.Cmd {
	if !p.form.validate() {
		return nil
	}
	if p.advanced {
		if cmd, ok := p.form.next(); ok {
			return cmd
		}
	}
	if p.typed || w.s.pass.IsEmpty() {
		w.s.pass = profile.NewPassword(p.form.fields[0].in.Value())
	}
	if u := p.form.value(1); u != p.shownUser {
		w.s.setUsername(u)
	}
	w.s.verified = false
	return w.next()
}

func (p *passwordStep) view(w *wizard) string {
	st, width := w.st, w.bodyWidth()
	var b strings.Builder
	b.WriteString(st.title.Render("Password for "+termtext.Line(w.s.prof.Email)) + "\n\n")
	if p.retyping {
		b.WriteString(st.warn.Render(wrap("The server did not accept the last password: type it again.", width)) + "\n\n")
	}
	shown := p.form
	if !p.advanced {
		shown.fields = shown.fields[:1]
	}
	b.WriteString(shown.view(st, 10))
	if !p.typed && !w.s.pass.IsEmpty() && w.s.pass == w.s.cfg.Password {
		b.WriteString(st.subtle.Render(wrap("The password is filled in from "+termtext.Line(w.s.cfg.passwordFrom())+"; type to replace it.", width)) + "\n")
	}
	if !p.advanced {
		b.WriteString("\n" + st.subtle.Render(wrap("Username: "+w.s.usernameWords()+" (ctrl+o to change it)", width)) + "\n")
	}
	goes, warn := w.s.passwordGoes()
	style := st.subtle
	if warn {
		style = st.warn
	}
	b.WriteString("\n" + style.Render(wrap(goes, width)) + "\n")
	if note := w.s.addressWantsOAuth(); note != "" {
		b.WriteString("\n" + st.warn.Render(wrap(note, width)) + "\n")
	}
	b.WriteString("\n" + st.subtle.Render(wrap("It is used to log in now, and written into a file only if you choose that on the export screen.", width)) + "\n")
	return b.String()
}
