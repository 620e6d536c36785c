package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// signIn is the OAuth2 sign-in the verify screen runs before its check when
// the servers take a token: the address (and code) to use, a spinner while
// the provider waits for the person, esc to stop.
type signIn struct {
	active   bool
	attempt  int
	provider string
	prompt   *oauth.Prompt
	err      error
	kept     string // where the sign-in was kept, once the check passed
}

type signInPromptMsg struct {
	attempt int
	prompt  oauth.Prompt
}

type signInDoneMsg struct {
	attempt int
	in      setup.SignedIn
	err     error
}

// needed reports whether the check must wait for a sign-in first.
func (si *signIn) needed(w *wizard) bool {
	return w.s.missing() == needSignIn
}

// start runs the sign-in in the background; its messages carry the attempt.
func (si *signIn) start(w *wizard) tea.Cmd {
	si.attempt++
	si.active, si.prompt, si.err = true, nil, nil
	s := w.s
	if s.cfg.SignIn == nil {
		return si.fail(w, errNoSignIn)
	}
	prov, ok := s.cfg.SignIn.OAuthProvider(s.prof)
	if !ok {
		return si.fail(w, setup.ErrNoOAuthProvider)
	}
	si.provider = prov.Name
	ctx, cancel := context.WithCancel(w.ctx)
	w.track(stepVerify, cancel)
	attempt, p, device := si.attempt, s.prof, s.useDevice()
	return tea.Batch(w.startSpinner(), startJob(func(send func(tea.Msg)) tea.Msg {
		in, err := s.cfg.SignIn.SignIn(ctx, p, device, func(pr oauth.Prompt) { send(signInPromptMsg{attempt, pr}) })
		return signInDoneMsg{attempt, in, err}
	}))
}

func (si *signIn) fail(w *wizard, err error) tea.Cmd {
	si.active, si.err = false, err
	w.s.blockCheck()
	return nil
}

// stop abandons the sign-in in flight; its late answer is dropped by attempt.
func (si *signIn) stop(w *wizard) {
	if si.active {
		si.attempt++
		si.active = false
		w.untrack(stepVerify)
	}
}

// onMsg takes the prompt and the result; a finished sign-in starts the check.
func (v *verifyStep) onSignIn(w *wizard, msg tea.Msg) tea.Cmd {
	si := &v.sign
	switch m := msg.(type) {
	case signInPromptMsg:
		if m.attempt == si.attempt {
			si.prompt = &m.prompt
		}
	case signInDoneMsg:
		if m.attempt != si.attempt {
			return nil
		}
		si.active = false
		w.untrack(stepVerify)
		if m.err != nil {
			return si.fail(w, m.err)
		}
		w.s.signedIn = &m.in
		return v.start(w)
	}
	return nil
}

// keep stores the verified sign-in in the first place that works (the
// keyring, else pass) and says where; without one the files could not
// renew it, which the screen says plainly.
func (si *signIn) keep(w *wizard) {
	s := w.s
	if s.signedIn == nil || !s.needsSignIn() || s.prof.OAuth != nil && s.prof.OAuth.Token.Kind != "" {
		return
	}
	places := s.cfg.SignIn.SignInPlaces()
	if len(places) == 0 {
		si.kept = "There is nowhere to keep the sign-in here (no keyring, no pass store): mail programs could not renew it. Set up pass (pass init KEY) and start again."
		return
	}
	p, err := s.cfg.SignIn.KeepSignIn(s.prof, *s.signedIn, places[0])
	if err != nil {
		si.kept = "Keeping the sign-in in " + string(places[0]) + " failed: " + err.Error()
		return
	}
	s.prof = p
	si.kept = "Kept the sign-in in " + string(places[0]) + "; mail programs renew it with setupwiz token " + p.Name + "."
}

// signInNote is what the success view says about the kept sign-in.
func (w *wizard) signInNote() string { return w.screens[stepVerify].(*verifyStep).sign.kept }

// view is the sign-in part of the verify screen.
func (si *signIn) view(w *wizard) string {
	width := w.bodyWidth()
	var b strings.Builder
	switch {
	case si.err != nil:
		b.WriteString(w.st.bad.Render(wrap(loginFailureWords(si.err), width)) + "\n")
	case si.prompt == nil:
		b.WriteString(w.spinner() + " Starting the " + termtext.Line(si.provider) + " sign-in…\n")
	default:
		for _, line := range promptLines(si.provider, *si.prompt, w.s.cfg.now()) {
			b.WriteString(wrapURL(line, width) + "\n")
		}
		b.WriteString("\n" + w.spinner() + " Waiting for the sign-in to finish. Esc stops.\n")
	}
	return b.String()
}

// wrapURL wraps text, but breaks a long address hard so it stays whole on screen.
func wrapURL(s string, width int) string {
	if strings.Contains(s, " ") || len(s) <= width {
		return wrap(s, width)
	}
	var lines []string
	for len(s) > width {
		lines = append(lines, s[:width])
		s = s[width:]
	}
	return strings.Join(append(lines, s), "\n")
}

// notWrittenView says on the last screen, like the rows of written files,
// which programs got no file because they cannot stay signed in with OAuth2.
func notWrittenView(w *wizard) string {
	var b strings.Builder
	why := w.s.cannotExport()
	for _, t := range allTargets {
		if why[t] != "" {
			short, _, _ := strings.Cut(why[t], " (")
			short, _, _ = strings.Cut(short, ":")
			line := fmt.Sprintf("%s %-13s %s", w.st.warn.Render("✗"), targetNames[t], short)
			b.WriteString(indentWrap(line, w.bodyWidth(), 2) + "\n")
		}
	}
	return b.String()
}
