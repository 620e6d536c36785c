package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// columns puts POP3 and SMTP side by side (using the whole width: the details
// are long), or one above the other when narrow.
func (v *verifyStep) columns(w *wizard) string {
	width := min(w.width, 160) - 2
	if width < 72 { // one above the other: a long detail wraps in its column
		return serviceColumn(w, "POP3", w.s.prof.Incoming, v.pop, v.running, width, true) + "\n" +
			serviceColumn(w, "SMTP", w.s.prof.Outgoing, v.smtp, v.running, width, true)
	}
	col := (width - 2) / 2
	left := lipgloss.NewStyle().Width(col).Render(serviceColumn(w, "POP3", w.s.prof.Incoming, v.pop, v.running, col, false))
	right := lipgloss.NewStyle().Width(col).Render(serviceColumn(w, "SMTP", w.s.prof.Outgoing, v.smtp, v.running, col, false))
	grid := lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right)
	if clipsKeyDetail(col, v.pop, v.smtp) {
		grid += "\n\n" + v.keyDetails(w, width)
	}
	return grid
}

// serviceColumn lists one service's steps. Side by side a row is cut to its
// column (the key details are repeated whole below); stacked, it wraps.
func serviceColumn(w *wizard, svc string, srv profile.Server, rows []stepRow, running bool, width int, wrapRows bool) string {
	st := w.st
	lines := []string{st.title.Render(svc) + " " + st.subtle.Render(termtext.Line(srv.Address())+" "+securityWords(srv.Security))}
	for _, r := range rows {
		if wrapRows {
			lines = append(lines, Wrap(rowLine(w, r), width, rowPrefix))
			continue
		}
		lines = append(lines, clip(rowLine(w, r), 1, width))
	}
	if running && (len(rows) == 0 || rows[len(rows)-1].state != verify.EventStarted) && !finished(rows) {
		lines = append(lines, w.spinner()+" connecting…")
	}
	return strings.Join(lines, "\n")
}

// finished reports whether the last row ends the check (quit done, or a failure).
func finished(rows []stepRow) bool {
	if len(rows) == 0 {
		return false
	}
	last := rows[len(rows)-1]
	return last.state == verify.EventFailed || last.name == verify.StepQuit && last.state == verify.EventDone
}

func rowLine(w *wizard, r stepRow) string {
	st := w.st
	mark := w.spinner()
	switch r.state {
	case verify.EventDone:
		mark = st.ok.Render("✓")
	case verify.EventFailed:
		mark = st.bad.Render("✗")
	}
	return fmt.Sprintf("%s %-12s %7s  %s", mark, stepWords(r.name), r.took, st.subtle.Render(termtext.Line(r.detail)))
}

func stepWords(s verify.StepName) string {
	if s == verify.StepCapa {
		return "capabilities"
	}
	return string(s)
}

// successView says what works, with the mailbox in plain numbers.
func successView(w *wizard) string {
	st, r := w.st, w.s.result
	msg := st.ok.Render("Both servers accepted the login.")
	if r.POP3 != nil && r.POP3.Mailbox != nil {
		m := r.POP3.Mailbox
		msg += " " + fmt.Sprintf("Your mailbox has %s (%s).", plural(m.Messages, "message"), fmtSize(m.Octets))
	}
	for _, n := range usernameNotes(r) {
		msg += "\n" + st.warn.Render(n)
	}
	if note := w.signInNote(); note != "" {
		msg += "\n" + termtext.Line(note)
	}
	return wrap(msg, w.bodyWidth()) + "\n\nPress enter to choose how your mail program treats the server copy.\n"
}

// usernameNotes say which services worked only with the other username form.
func usernameNotes(r verify.Result) []string {
	var notes []string
	for _, sr := range setup.Corrected(r) {
		notes = append(notes, termtext.Sprintf("%s worked with the username %q, so setupwiz uses that.", strings.ToUpper(string(sr.Service)), sr.Server.Username))
	}
	return notes
}

// failureView explains each failure: plain words, the server's reply, the hint, the certificate.
// The same failure on both services (one certificate, one password) is told once.
func failureView(w *wizard) string {
	var b strings.Builder
	for _, g := range groupFailures(w.s.failures()) {
		b.WriteString(explain(w, g))
	}
	if b.Len() == 0 {
		b.WriteString(w.st.bad.Render("The check did not finish.") + "\n")
	}
	return b.String()
}

// footer keeps the actions on screen however long the explanation is.
func (v *verifyStep) footer(w *wizard) string {
	if v.running || v.sign.active || w.s.verified || v.pinning != nil {
		return ""
	}
	return actionsLine(w)
}

// actionsLine lists every way forward, so none hides behind a narrow help
// line; a line breaks between actions, never inside one.
func actionsLine(w *wizard) string {
	var lines []string
	cur := ""
	for _, b := range failureActions(w.keys, w.s) {
		part := w.st.key.Render(b.Help().Key) + " " + b.Help().Desc
		switch {
		case cur == "":
			cur = part
		case lipgloss.Width(cur+" · "+part) > w.bodyWidth():
			lines, cur = append(lines, cur), part
		default:
			cur += " · " + part
		}
	}
	return strings.Join(append(lines, cur), "\n")
}

type failureGroup struct {
	err   *verify.Error
	where string // "POP3 failed at login", "POP3 and SMTP failed at tls", "POP3 failed at starttls and SMTP at tls"
	// replies are the server's words per service when a rejected login is
	// told once for both ("POP3 said: …"); each server words it its own way.
	replies []string
}

// groupFailures merges failures that are the same problem: the same
// certificate (then the servers' words differ only in wording, so they are
// left out), or a login both servers rejected (one password).
func groupFailures(errs []*verify.Error) []failureGroup {
	var gs []failureGroup
	for _, e := range errs {
		svc := strings.ToUpper(string(e.Service))
		n := len(gs)
		switch {
		case n > 0 && sameCertFailure(gs[n-1].err, e):
			gs[n-1].where = joinWhere(gs[n-1], svc, e.Step)
		case n > 0 && bothRejectedLogin(gs[n-1].err, e):
			gs[n-1].where = joinWhere(gs[n-1], svc, e.Step)
			gs[n-1].replies = append(gs[n-1].replies, reply(gs[n-1].err), reply(e))
		default:
			gs = append(gs, failureGroup{err: e, where: svc + " failed at " + stepWords(e.Step)})
		}
	}
	return gs
}

func bothRejectedLogin(a, b *verify.Error) bool {
	return a.Kind == verify.KindAuthFailed && b.Kind == a.Kind
}

// reply is "POP3 said: -ERR …", or empty when the server said nothing.
func reply(e *verify.Error) string {
	if e.ServerText == "" {
		return ""
	}
	return strings.ToUpper(string(e.Service)) + " said: " + termtext.Line(e.ServerText)
}

func sameCertFailure(a, b *verify.Error) bool {
	return a.Kind == verify.KindTLSCertificate && b.Kind == a.Kind && a.Cert != nil && b.Cert != nil &&
		a.Cert.SHA256 == b.Cert.SHA256
}

func explain(w *wizard, g failureGroup) string {
	st, width, e := w.st, w.bodyWidth(), g.err
	x := w.s.explain(e)
	var b strings.Builder
	b.WriteString(st.bad.Render(wrap(g.where+": "+termtext.Line(x.Sentence), width)) + "\n")
	for _, r := range g.replies {
		if r != "" {
			b.WriteString(wrap(r, width) + "\n")
		}
	}
	if e.ServerText != "" && g.replies == nil {
		b.WriteString(wrap("The server said: "+termtext.Line(e.ServerText), width) + "\n")
	}
	switch {
	case e.Cert != nil:
		b.WriteString(certView(w, e.Cert, x))
	case w.s.securityFix(e.Service, "press s") != "":
		b.WriteString(st.accent.Render(wrap("What to do: "+w.s.securityFix(e.Service, "press s"), width)) + "\n")
	case x.Hint != "":
		b.WriteString(st.accent.Render(wrap("What to do: "+termtext.Line(x.Hint), width)) + "\n")
	}
	if e.Kind == verify.KindPlaintextRefused {
		b.WriteString(st.warn.Render(wrap("Press x only if you accept that anyone on the network path can read your password.", width)) + "\n")
	}
	return b.String()
}

// certView shows the certificate and the ways to trust it; t pins it.
func certView(w *wizard, c *verify.CertInfo, x verify.Explanation) string {
	st, width := w.st, w.bodyWidth()
	lines := []string{
		termtext.Line(x.Todo[0]),
		termtext.Sprintf("Certificate for %s, issued by %s", orDash(certNames(c)), c.Issuer),
		fmt.Sprintf("Valid from %s until %s", c.NotBefore.Format("2006-01-02"), c.NotAfter.Format("2006-01-02")),
	}
	out := st.subtle.Render(wrap(strings.Join(lines, "\n"), width)) + "\n"
	out += st.subtle.Render(fingerprintLines(c.SHA256, width)) + "\n"
	if c.SHA256 != "" {
		todo := "What to do: " + termtext.Line(x.Todo[1]+" "+strings.TrimSuffix(x.Todo[2], ".")) + ": press t."
		out += st.accent.Render(wrap(todo, width)) + "\n"
	}
	return out
}

// certNames are the names a certificate is for, ready to show.
func certNames(c *verify.CertInfo) string {
	return termtext.Line(strings.Join(append(append([]string{}, c.DNSNames...), c.IPs...), ", "))
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// fmtSize prints 512 bytes, 61 KB, 3.4 MB in binary units, as verification's step details do.
func fmtSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func joinWhere(g failureGroup, svc string, step verify.StepName) string {
	if step == g.err.Step {
		return strings.Replace(g.where, " failed at ", " and "+svc+" failed at ", 1)
	}
	return g.where + " and " + svc + " at " + stepWords(step)
}

// fingerprintLines shows a fingerprint whole on one line, or when that does
// not fit, in two halves that break at a colon (a user compares it by eye).
func fingerprintLines(fp string, width int) string {
	fp = termtext.Line(fp)
	if one := "SHA-256 " + fp; len(one) <= width || len(fp) < 48 {
		return one
	}
	half := len(fp) / 2
	for half < len(fp) && fp[half] != ':' {
		half++
	}
	return "SHA-256 fingerprint:\n  " + fp[:half] + "\n  " + strings.TrimPrefix(fp[half:], ":")
}
