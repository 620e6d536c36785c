package ui

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// rowPrefix is the width of a step row before its detail: mark, name, time.
const rowPrefix = 24

// keyStep reports whether a step's detail is what people look for: how the
// connection is protected (TLS version, certificate name), how the login went
// (mechanism, username) and what the mailbox holds.
func keyStep(n verify.StepName) bool {
	return n == verify.StepTLS || n == verify.StepSTARTTLS || n == verify.StepAuth || n == verify.StepMailbox
}

// clipsKeyDetail reports whether a column of width col cuts a key step's detail short.
func clipsKeyDetail(col int, services ...[]stepRow) bool {
	for _, rows := range services {
		for _, r := range rows {
			if keyStep(r.name) && r.state == verify.EventDone && rowPrefix+lipgloss.Width(r.detail) > col {
				return true
			}
		}
	}
	return false
}

// keyDetails repeats in full, one line per service, the key details the
// columns had to clip: "POP3  TLS 1.3, mail.example.com · PLAIN as jane · 12 messages, 3.4 MB".
func (v *verifyStep) keyDetails(w *wizard, width int) string {
	var lines []string
	for _, s := range []struct {
		svc  string
		rows []stepRow
	}{{"POP3", v.pop}, {"SMTP", v.smtp}} {
		for i, l := range fitParts(keyDetailParts(s.rows), width-5) {
			head := "     "
			if i == 0 {
				head = w.st.title.Render(s.svc) + " "
			}
			lines = append(lines, head+w.st.subtle.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}

// keyDetailParts are the details of the key steps that finished, each once
// (a second login attempt repeats the TLS step).
func keyDetailParts(rows []stepRow) []string {
	var parts []string
	for _, r := range rows {
		if d := termtext.Line(r.detail); keyStep(r.name) && r.state == verify.EventDone && d != "" && !slices.Contains(parts, d) {
			parts = append(parts, d)
		}
	}
	return parts
}

// fitParts joins parts with " · " into lines of at most width columns,
// breaking only between parts (a part longer than a line is wrapped).
func fitParts(parts []string, width int) []string {
	if len(parts) == 0 {
		return nil
	}
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case lipgloss.Width(cur+" · "+p) <= width:
			cur += " · " + p
		default:
			lines, cur = append(lines, cur), p
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Split(wrap(strings.Join(lines, "\n"), width), "\n")
}
