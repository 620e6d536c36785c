package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// discoverStep shows discovery live (one line per source) and then the chosen
// POP3 and SMTP servers with where they came from; alternatives are one key
// away and every field can be edited.
type discoverStep struct {
	attempt int
	running bool
	reports []discover.SourceReport
	editing bool
	edit    serverForm
	// summaryAt is the body line of the conclusion, shown first when
	// discovery ends (the sources above are a pgup away); editAt is the
	// edit form's, shown first when it opens, so every field is in sight.
	summaryAt, editAt int
}

func (d *discoverStep) anchor() int {
	if d.editing {
		return d.editAt
	}
	return d.summaryAt
}

func (d *discoverStep) name() string { return "Finding your servers" }
func (d *discoverStep) typing() bool { return d.editing }

func (d *discoverStep) setDark(isDark bool) { d.edit.form.setStyles(isDark) }

func (d *discoverStep) enter(w *wizard) tea.Cmd {
	if w.s.discDone {
		w.scroll.toAnchor = true // back from a later screen: the servers chosen, not the sources
		return nil
	}
	return d.start(w)
}

// leave cancels a search in flight; its late answers are dropped by attempt number.
func (d *discoverStep) leave(w *wizard) {
	if d.running {
		d.attempt++
		d.running = false
	}
	w.untrack(stepDiscover)
	d.editing = false
}

func (d *discoverStep) start(w *wizard) tea.Cmd {
	d.attempt++
	d.reports, d.editing = nil, false
	disc := w.s.cfg.Discoverer
	if disc == nil {
		w.s.setDiscovery(discover.Result{Email: w.s.prof.Email}, nil)
		return nil
	}
	ctx, cancel := context.WithCancel(w.ctx)
	w.track(stepDiscover, cancel)
	d.running = true
	attempt, email := d.attempt, w.s.prof.Email
	return tea.Batch(w.startSpinner(), startJob(func(send func(tea.Msg)) tea.Msg {
		res, err := disc.Discover(ctx, email, func(r discover.SourceReport) { send(discoverEventMsg{attempt, r}) })
		return discoverDoneMsg{attempt, res, err}
	}))
}

func (d *discoverStep) onMsg(w *wizard, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case discoverEventMsg:
		if m.attempt == d.attempt {
			d.report(m.report)
		}
	case discoverDoneMsg:
		if m.attempt != d.attempt {
			return nil
		}
		d.running = false
		w.untrack(stepDiscover)
		for _, r := range m.result.Sources {
			d.report(r)
		}
		w.s.setDiscovery(m.result, m.err)
		w.scroll.toAnchor = true
	}
	return nil
}

// report adds or updates the line of one source.
func (d *discoverStep) report(r discover.SourceReport) {
	for i := range d.reports {
		if d.reports[i].Source == r.Source {
			d.reports[i] = r
			return
		}
	}
	d.reports = append(d.reports, r)
}

func (d *discoverStep) bindings(w *wizard) []key.Binding {
	if d.editing {
		return []key.Binding{w.keys.Next, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel edit"))}
	}
	b := []key.Binding{w.keys.Next, w.keys.Back, w.keys.Edit}
	if len(w.s.pop.list) > 1 {
		b = append(b, w.keys.NextPOP)
	}
	if len(w.s.smtp.list) > 1 {
		b = append(b, w.keys.NextSMTP)
	}
	return append(b, w.keys.Rediscover)
}

func (d *discoverStep) moreKeys(w *wizard) []key.Binding {
	if d.editing {
		return []key.Binding{w.keys.NextField, w.keys.PrevField}
	}
	return nil
}

func (d *discoverStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	if d.editing {
		return d.editKey(w, k)
	}
	switch {
	case key.Matches(k, w.keys.Back):
		return w.back()
	case d.running:
		return nil
	case key.Matches(k, w.keys.Next):
		return w.next()
	case key.Matches(k, w.keys.Edit):
		return d.startEdit(w)
	case key.Matches(k, w.keys.NextPOP):
		w.s.pop.advance()
		w.s.applyChoices()
	case key.Matches(k, w.keys.NextSMTP):
		w.s.smtp.advance()
		w.s.applyChoices()
	case key.Matches(k, w.keys.Rediscover):
		return d.start(w)
	}
	return nil
}

// startEdit opens the form on the current settings.
func (d *discoverStep) startEdit(w *wizard) tea.Cmd {
	d.editing = true
	d.edit = newServerForm(w.s.prof.Incoming, w.s.prof.Outgoing, w.st.isDark)
	w.scroll.toAnchor = true
	return d.edit.form.focusOn(0)
}

func (d *discoverStep) editKey(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		d.editing = false
		return nil
	case "shift+tab", "up":
		cmd, _ := d.edit.form.prev()
		return cmd
	case "tab", "down":
		cmd, _ := d.edit.form.next()
		return cmd
	case "enter":
		if cmd, ok := d.edit.form.next(); ok {
			return cmd
		}
		return d.saveEdit(w)
	}
	return d.edit.form.update(k)
}

func (d *discoverStep) saveEdit(w *wizard) tea.Cmd {
	in, out, ok := d.edit.servers()
	if !ok {
		return nil
	}
	w.s.useEdited(in, out)
	d.editing = false
	return nil
}

func (d *discoverStep) view(w *wizard) string {
	st := w.st
	var b strings.Builder
	b.WriteString(st.title.Render("Finding the servers for "+termtext.Line(w.s.prof.Email)) + "\n")
	for _, r := range d.reports {
		b.WriteString(Wrap(d.sourceLine(w, r), w.width, sourceDetailCol) + "\n") // a long detail goes on in its column
	}
	if d.running {
		if len(d.reports) == 0 {
			b.WriteString("  " + w.spinner() + " asking the sources…\n")
		}
		return b.String()
	}
	b.WriteString("\n")
	d.summaryAt = strings.Count(b.String(), "\n")
	b.WriteString(summaryLine(w) + "\n")
	if note := w.s.noPasswordNote(); len(note) > 0 { // with the conclusion, in sight when discovery ends
		b.WriteString(st.accent.Render(wrap(strings.Join(note, " "), w.bodyWidth())) + "\n")
	}
	if d.editing {
		b.WriteString("\n")
		d.editAt = strings.Count(b.String(), "\n")
		b.WriteString(st.title.Render("Edit the settings") + st.subtle.Render("  (enter on the last field saves)") + "\n")
		b.WriteString(d.edit.form.view(st, 14))
		return b.String()
	}
	b.WriteString("\n" + serverBlock(w, "Incoming mail (POP3)", w.s.prof.Incoming, w.s.pop, "p"))
	b.WriteString(serverBlock(w, "Outgoing mail (SMTP)", w.s.prof.Outgoing, w.s.smtp, "s"))
	return b.String()
}

// sourceDetailCol is where a source line's detail begins.
const sourceDetailCol = 26

// sourceLine is "  ✓ autoconfig   310 ms  found 2 servers".
func (d *discoverStep) sourceLine(w *wizard, r discover.SourceReport) string {
	st := w.st
	mark, detail := sourceMark(w, r.State), termtext.Line(r.Detail)
	if detail == "" {
		detail = sourceStateWords(r.State)
	}
	dur := ""
	if r.State != "pending" && r.Duration > 0 {
		dur = fmtDuration(r.Duration)
	}
	return fmt.Sprintf("  %s %-11s %8s  %s", mark, termtext.Line(string(r.Source)), dur, st.subtle.Render(detail))
}

func sourceMark(w *wizard, state discover.SourceState) string {
	switch state {
	case "found":
		return w.st.ok.Render("✓")
	case "error":
		return w.st.bad.Render("✗")
	case "none":
		return w.st.subtle.Render("·")
	case "pending", "":
		return w.spinner()
	}
	return w.st.subtle.Render("–")
}

func sourceStateWords(state discover.SourceState) string {
	switch state {
	case "found":
		return "found settings"
	case "none":
		return "nothing here"
	case "skipped":
		return "skipped"
	case "canceled":
		return "not needed: a better one answered"
	case "error":
		return "failed"
	}
	return "asking…"
}
