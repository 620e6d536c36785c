package ui

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

var targetNames = map[string]string{
	"thunderbird": "Thunderbird", "mutt": "mutt", "fetchmail": "fetchmail", "mobileconfig": "Apple profile",
}

func (e *exportStep) view(w *wizard) string {
	st := w.st
	var b strings.Builder
	b.WriteString(st.title.Render("Which mail programs should setupwiz configure?") + "\n")
	if w.s.cfg.OutDir != "" {
		b.WriteString(st.subtle.Render("Files go into "+termtext.Line(w.s.cfg.OutDir)) + "\n")
	}
	b.WriteString("\n")
	for i, t := range allTargets {
		b.WriteString(e.cursor(w, i) + checkbox(e.selected[t]) + " " + pad(targetNames[t], 14) + e.status(w, t) + "\n")
	}
	change := ""
	if e.focus == len(allTargets) {
		change = w.st.subtle.Render("  (space: change)")
	}
	if w.s.needsSignIn() {
		b.WriteString(e.cursor(w, len(allTargets)) + wrap("No password in files: OAuth2 (mutt asks setupwiz token)", w.bodyWidth()-2) + "\n")
	} else {
		b.WriteString(e.cursor(w, len(allTargets)) + "Password in files: " + secretWords(e.secrets) + change + "\n")
	}
	if e.secrets == "command" {
		b.WriteString(e.cursor(w, len(allTargets)+1) + "Command: " + inputView(e.command.in) + "\n")
	}
	if !w.s.verified {
		b.WriteString(st.warn.Render("The login was not verified; the files will say so.") + "\n")
	}
	if e.applyErr != nil {
		b.WriteString(st.bad.Render(wrap("Nothing was written: "+termtext.Line(e.applyErr.Error()), w.bodyWidth())) + "\n")
	}
	if e.applying || e.applyWhenReady {
		b.WriteString(w.spinner() + " writing…\n")
	}
	b.WriteString(e.diffView(w))
	return b.String()
}

func (e *exportStep) cursor(w *wizard, i int) string {
	if e.focus == i {
		return w.st.focus.Render("› ")
	}
	return "  "
}

// status says where a target's file goes and whether it is new or changed.
func (e *exportStep) status(w *wizard, t string) string {
	pv := e.plans[t]
	switch {
	case w.s.cfg.Exporter == nil:
		return ""
	case !pv.ready:
		return w.st.subtle.Render("…")
	case pv.err != nil && e.secrets == "command" && strings.TrimSpace(e.command.in.Value()) == "":
		return w.st.bad.Render("needs the password command: type it on the Command row")
	case pv.err != nil:
		return w.st.bad.Render(termtext.Line(pv.err.Error()))
	case len(pv.plans) == 0:
		return w.st.subtle.Render("nothing to write")
	}
	p := pv.plans[0]
	more := ""
	if len(pv.plans) > 1 {
		more = fmt.Sprintf(" (+%d more)", len(pv.plans)-1)
	}
	return w.s.shortPath(p.Path) + more + "  " + w.st.subtle.Render(changeWords(p))
}

func changeWords(p exporters.Plan) string {
	switch {
	case len(p.Old) == 0:
		return "new file"
	case bytes.Equal(p.Old, p.New):
		return "unchanged"
	}
	return "changes an existing file"
}

func secretWords(m exporters.SecretMode) string {
	switch m {
	case "inline":
		return "written into the files (0600), so no program asks for it"
	case "command":
		return "printed by a command you give, e.g. a password manager"
	}
	return "none: each program asks for it"
}

// diffView previews the changes of the focused target's existing files.
func (e *exportStep) diffView(w *wizard) string {
	if e.focus >= len(allTargets) {
		return ""
	}
	var diffs []string
	for _, p := range e.plans[allTargets[e.focus]].plans {
		if len(p.Old) > 0 && p.Diff != "" {
			diffs = append(diffs, p.Diff)
		}
	}
	switch {
	case len(diffs) == 0 && e.showDiff:
		return "\n" + w.st.subtle.Render("No diff: this is a new file.") + "\n"
	case len(diffs) == 0:
		return ""
	case !e.showDiff:
		return "\n" + w.st.subtle.Render("This changes an existing file; press d to see how.") + "\n"
	}
	lines := strings.Split(strings.TrimRight(strings.Join(diffs, "\n"), "\n"), "\n")
	for i, l := range lines {
		l = termtext.Line(l)
		lines[i] = l
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			lines[i] = w.st.title.Render(l)
		case strings.HasPrefix(l, "+"):
			lines[i] = w.st.ok.Render(l)
		case strings.HasPrefix(l, "-"):
			lines[i] = w.st.bad.Render(l)
		}
	}
	return "\n" + strings.Join(lines, "\n") + "\n"
}
