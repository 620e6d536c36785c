package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// verifyStep logs in to both servers side by side, showing each step live, and
// on failure explains it and offers ways forward.
type verifyStep struct {
	attempt   int
	running   bool
	pop, smtp []stepRow
	autoAll   bool
	note      string // what the wizard is doing about the last failure
	outcomeAt int    // the body line where the outcome starts
	sign      signIn // the OAuth2 sign-in before the check, when the servers take a token
	// pinning is the certificate t asked to trust, awaiting y; nil otherwise.
	pinning *verify.CertInfo
}

var (
	confirmPin = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, trust it"))
	cancelPin  = key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no"))
)

// stepRow is one line of a service's live progress.
type stepRow struct {
	name   verify.StepName
	state  verify.EventState
	detail string
	took   string
	start  time.Duration // elapsed at the start event
}

func (v *verifyStep) name() string { return "Logging in" }
func (v *verifyStep) typing() bool { return false }

func (v *verifyStep) enter(w *wizard) tea.Cmd {
	if w.s.verified {
		return nil
	}
	v.note, v.autoAll = "", false
	return v.start(w)
}

// leave cancels the checks in flight; their late answers are dropped by attempt number.
func (v *verifyStep) leave(w *wizard) {
	if v.running {
		v.attempt++
		v.running = false
	}
	v.sign.stop(w)
	w.untrack(stepVerify)
}

func (v *verifyStep) start(w *wizard) tea.Cmd {
	switch w.s.missing() {
	case needSignIn:
		return v.sign.start(w)
	case needOneLogin:
		return v.sign.fail(w, errMixedLogin)
	case needPassword: // another candidate takes a password, and there is none yet
		return w.goTo(stepPassword)
	}
	v.sign.err = nil
	v.attempt++
	v.pop, v.smtp, v.running = nil, nil, true
	w.s.beginCheck()
	ctx, cancel := context.WithCancel(w.ctx)
	w.track(stepVerify, cancel)
	attempt, s := v.attempt, *w.s
	return tea.Batch(w.startSpinner(), startJob(func(send func(tea.Msg)) tea.Msg {
		return verifyDoneMsg{attempt, s.runCheck(ctx, func(e verify.Event) { send(verifyEventMsg{attempt, e}) })}
	}))
}

func (v *verifyStep) onMsg(w *wizard, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case verifyEventMsg:
		if m.attempt == v.attempt {
			v.event(m.event)
		}
	case verifyDoneMsg:
		if m.attempt == v.attempt {
			return v.done(w, m.result)
		}
	}
	return nil
}

func (v *verifyStep) event(e verify.Event) {
	rows := &v.pop
	if e.Service == verify.ServiceSMTP {
		rows = &v.smtp
	}
	*rows = applyEvent(*rows, e)
}

// applyEvent adds a row when a step starts and completes it when it ends.
func applyEvent(rows []stepRow, e verify.Event) []stepRow {
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].name == e.Step && rows[i].state == verify.EventStarted {
			if e.State != verify.EventStarted {
				rows[i].state, rows[i].detail = e.State, e.Detail
				rows[i].took = fmtDuration(e.Elapsed - rows[i].start)
			}
			return rows
		}
	}
	return append(rows, stepRow{name: e.Step, state: e.State, detail: e.Detail, start: e.Elapsed})
}

func (v *verifyStep) done(w *wizard, res verify.Result) tea.Cmd {
	v.running = false
	w.untrack(stepVerify)
	w.s.result = res
	w.scroll.toAnchor = true
	v.pop, v.smtp = rowsOf(res.POP3, v.pop), rowsOf(res.SMTP, v.smtp)
	if res.OK() {
		w.s.acceptVerified(res)
		v.autoAll, v.note = false, ""
		v.sign.keep(w)
		return nil
	}
	if v.autoAll {
		return v.tryNext(w)
	}
	return nil
}

// tryNext moves each failed service to its next untried candidate and checks again.
func (v *verifyStep) tryNext(w *wizard) tea.Cmd {
	if w.s.nextUntried(w.s.failedServices()) {
		v.note = "Trying the next alternative…"
		return v.start(w)
	}
	v.autoAll = false
	v.note = "Tried every alternative; none of them worked. See below what the last one said."
	return nil
}

func failed(r *verify.ServiceResult) bool { return r != nil && !r.OK }

// rowsOf rebuilds the rows from the final steps, which carry exact durations.
func rowsOf(r *verify.ServiceResult, live []stepRow) []stepRow {
	if r == nil || len(r.Steps) == 0 {
		return live
	}
	rows := make([]stepRow, 0, len(r.Steps))
	for _, s := range r.Steps {
		state := verify.EventDone
		if !s.OK {
			state = verify.EventFailed
		}
		rows = append(rows, stepRow{name: s.Name, state: state, detail: s.Detail, took: fmtDuration(s.Duration)})
	}
	return rows
}

func (v *verifyStep) bindings(w *wizard) []key.Binding {
	if v.pinning != nil {
		return []key.Binding{confirmPin, cancelPin}
	}
	if v.running || v.sign.active {
		return []key.Binding{w.keys.Back}
	}
	if w.s.verified {
		return []key.Binding{w.keys.Next, w.keys.Back}
	}
	return []key.Binding{w.keys.Retry, w.keys.Edit, w.keys.Back}
}

// moreKeys are the ways forward from a failure (also in the line above the footer).
func (v *verifyStep) moreKeys(w *wizard) []key.Binding {
	if v.running || v.sign.active || w.s.verified {
		return nil
	}
	return failureActions(w.keys, w.s)
}

// actions lists what the user can do about the failure on screen.
func (v *verifyStep) actions(w *wizard) []key.Binding {
	return append(failureActions(w.keys, w.s), w.keys.Back)
}

// failureActions are the ways forward that make sense for the failures in s.
func failureActions(k keyMap, s *session) []key.Binding {
	var b []key.Binding
	if words := s.securitySwitches(); words != "" {
		sw := k.Security
		sw.SetHelp(sw.Help().Key, "use "+words)
		b = append(b, sw)
	}
	b = append(b, k.Retry, k.Edit)
	kinds := s.failedKinds()
	if kinds[verify.KindAuthFailed] || kinds[verify.KindAppPassword] {
		b = append(b, k.Password, k.Username)
	}
	if len(s.pop.list) > 1 || len(s.smtp.list) > 1 {
		b = append(b, k.Candidate, k.TryAll)
	}
	if s.failedCert() != nil {
		b = append(b, k.Trust)
	}
	if kinds[verify.KindPlaintextRefused] {
		b = append(b, k.Plaintext)
	}
	return b
}

func (v *verifyStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	if v.pinning != nil {
		return v.confirm(w, k)
	}
	switch {
	case key.Matches(k, w.keys.Back):
		return w.back()
	case v.running || v.sign.active:
		return nil
	case w.s.verified:
		if key.Matches(k, w.keys.Next) {
			return w.next()
		}
		return nil
	}
	return v.act(w, k)
}

// act runs one of the failure actions; keys not offered on screen do nothing.
func (v *verifyStep) act(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	offered := false
	for _, b := range v.actions(w) {
		offered = offered || key.Matches(k, b)
	}
	if !offered {
		return nil
	}
	v.note = ""
	switch {
	case key.Matches(k, w.keys.Edit):
		cmd := w.goTo(stepDiscover)
		return tea.Batch(cmd, w.screens[stepDiscover].(*discoverStep).startEdit(w))
	case key.Matches(k, w.keys.Password):
		w.retype = true
		return w.goTo(stepPassword)
	case key.Matches(k, w.keys.Username):
		w.s.switchUsernames(w.s.failedServices())
		v.note = "Trying the username " + w.s.prof.Incoming.Username + "…"
	case key.Matches(k, w.keys.Candidate):
		w.s.nextAny(w.s.failedServices())
	case key.Matches(k, w.keys.TryAll):
		v.autoAll = true
		return v.tryNext(w)
	case key.Matches(k, w.keys.Trust):
		v.pinning = w.s.failedCert()
		w.scroll.toAnchor = true
		return nil
	case key.Matches(k, w.keys.Plaintext):
		w.s.prof.TLS.AllowPlaintext = true
	case key.Matches(k, w.keys.Security):
		v.note = "Trying " + w.s.securitySwitches() + "…"
		w.s.useDetectedSecurity()
	}
	return v.start(w)
}

// confirm pins the certificate on y; any other answer leaves it untrusted.
func (v *verifyStep) confirm(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	c := v.pinning
	v.pinning = nil
	if !key.Matches(k, confirmPin) {
		v.note = "The certificate was not trusted."
		return nil
	}
	w.s.pin(c.SHA256)
	return v.start(w)
}

// pinQuestion asks before trusting a certificate by its fingerprint, and
// repeats the fingerprint to compare with the one the provider publishes.
func pinQuestion(w *wizard, c *verify.CertInfo) string {
	st, width := w.st, w.bodyWidth()
	return st.warn.Render(wrap("Trust this certificate from now on? Only if the fingerprint below is the one your provider publishes: setupwiz will then accept exactly this certificate, and no other, for "+orDash(certNames(c))+".", width)) +
		"\n" + st.title.Render(fingerprintLines(c.SHA256, width)) + "\n" + st.accent.Render("Press y to trust it, n to leave it untrusted.") + "\n"
}

func (v *verifyStep) view(w *wizard) string {
	var b strings.Builder
	b.WriteString(w.st.title.Render("Logging in to both servers") + "\n\n")
	if v.sign.active || v.sign.err != nil {
		b.WriteString(v.sign.view(w))
		return b.String()
	}
	b.WriteString(v.columns(w) + "\n")
	if v.note != "" {
		b.WriteString("\n" + w.st.accent.Render(wrap(termtext.Line(v.note), w.bodyWidth())) + "\n")
	}
	b.WriteString("\n")
	v.outcomeAt = strings.Count(b.String(), "\n")
	switch {
	case v.pinning != nil:
		b.WriteString(pinQuestion(w, v.pinning))
	case v.running:
	case w.s.verified:
		b.WriteString(successView(w))
	default:
		b.WriteString(failureView(w))
	}
	return b.String()
}

// anchor is where the outcome starts: when a check ends, the screen shows
// it first (the steps above are a pgup away).
func (v *verifyStep) anchor() int { return v.outcomeAt }
