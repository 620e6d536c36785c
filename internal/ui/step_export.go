package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/exporters"
)

// exportStep picks the mail programs to configure, shows where each file goes
// and what changes in existing files, and how the password is handled.
type exportStep struct {
	selected map[string]bool
	touched  map[string]bool // targets the user toggled (kept even when they cannot be planned)
	focus    int             // 0..len(allTargets)-1 targets, then the secret mode, then the command
	secrets  exporters.SecretMode
	command  *field
	seq      int // plan sequence; answers of older plans are dropped
	plans    map[string]planView
	showDiff bool
	applying bool
	applyErr error
	// applyWhenReady remembers an enter pressed before every plan was ready.
	applyWhenReady bool
	// firstSeq is the plan made on entering the screen: only then may a
	// default that cannot work here (no Thunderbird profile) step aside. A
	// later plan that fails keeps the tick and says why.
	firstSeq int
}

// planView is the plan of one target, or why it cannot be made.
type planView struct {
	plans []exporters.Plan
	err   error
	ready bool
}

var secretModes = []exporters.SecretMode{"none", "inline", "command"}

func newExportStep(cfg Config) *exportStep {
	e := &exportStep{selected: map[string]bool{}, touched: map[string]bool{}, secrets: "none",
		command: newField("Command", "", "pass show mail/you", nil)}
	targets := cfg.Targets
	if targets == nil {
		targets = []string{"thunderbird", "mutt", "fetchmail"}
	}
	for _, t := range targets {
		e.selected[t] = true
	}
	return e
}

func (e *exportStep) name() string        { return "Write the settings" }
func (e *exportStep) typing() bool        { return e.focus == len(allTargets)+1 }
func (e *exportStep) setDark(isDark bool) { e.command.in.SetStyles(inputStyles(isDark)) }
func (e *exportStep) leave(*wizard)       { e.command.in.Blur() }

func (e *exportStep) enter(w *wizard) tea.Cmd {
	e.applyErr, e.applying = nil, false
	cmd := e.replan(w)
	e.firstSeq = e.seq
	return cmd
}

// replan asks the exporter for every target's plan, one job per target.
func (e *exportStep) replan(w *wizard) tea.Cmd {
	e.seq++
	e.plans = map[string]planView{}
	if w.s.cfg.Exporter == nil {
		return nil
	}
	var cmds []tea.Cmd
	for _, t := range allTargets {
		cmds = append(cmds, e.planJob(w, t))
	}
	return tea.Batch(cmds...)
}

func (e *exportStep) planJob(w *wizard, target string) tea.Cmd {
	seq, ex, prof, opts := e.seq, w.s.cfg.Exporter, w.s.prof, e.options(w)
	return startJob(func(func(tea.Msg)) tea.Msg {
		plans, err := ex.Plan([]string{target}, prof, opts)
		return planDoneMsg{seq: seq, target: target, plans: plans, err: err}
	})
}

func (e *exportStep) options(w *wizard) exporters.Options {
	o := exporters.Options{Secrets: e.secrets, Unverified: !w.s.verified, Now: w.s.cfg.Now}
	switch e.secrets {
	case "inline":
		o.Password = w.s.pass
	case "command":
		o.Command = strings.TrimSpace(e.command.in.Value())
	}
	return o
}

func (e *exportStep) onMsg(w *wizard, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case planDoneMsg:
		if m.seq == e.seq {
			e.plans[m.target] = planView{plans: m.plans, err: m.err, ready: true}
			if m.err != nil && m.seq == e.firstSeq && !e.touched[m.target] {
				e.selected[m.target] = false // a default that cannot work (no Thunderbird profile) steps aside
			}
			if e.applyWhenReady && e.allReady() {
				return e.apply(w)
			}
		}
	case applyDoneMsg:
		e.applying = false
		if m.err != nil {
			e.applyErr = m.err
			return nil
		}
		w.s.out.Written, w.s.out.Backups = m.records, m.backups
		return w.next()
	}
	return nil
}

func (e *exportStep) bindings(w *wizard) []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write files")), w.keys.Back,
		exportToggle, w.keys.Move, w.keys.Diff}
}

func (e *exportStep) moreKeys(w *wizard) []key.Binding {
	return []key.Binding{w.keys.NextField, w.keys.PrevField}
}

// exportToggle ticks a program, or on the password row changes none → inline → command.
var exportToggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick or untick; on the password row, change it"))

func (e *exportStep) key(w *wizard, k tea.KeyPressMsg) tea.Cmd {
	if e.applying {
		return nil
	}
	e.applyWhenReady = false
	switch k.String() {
	case "up", "shift+tab":
		return e.move(-1)
	case "down", "tab":
		return e.move(+1)
	case "esc":
		return w.back()
	case "enter":
		return e.apply(w)
	}
	if e.typing() {
		var cmd tea.Cmd
		e.command.in, cmd = e.command.in.Update(k)
		return tea.Batch(cmd, e.replan(w))
	}
	return e.choose(w, k.String())
}

func (e *exportStep) rows() int {
	if e.secrets == "command" {
		return len(allTargets) + 2
	}
	return len(allTargets) + 1
}

func (e *exportStep) move(d int) tea.Cmd {
	e.focus = (e.focus + d + e.rows()) % e.rows()
	e.command.in.Blur()
	if e.typing() {
		return e.command.in.Focus()
	}
	return nil
}

// choose handles space (toggle or cycle) and d (diff) on a row.
func (e *exportStep) choose(w *wizard, k string) tea.Cmd {
	switch {
	case k == "d":
		e.showDiff = !e.showDiff
	case k == "space" && e.focus < len(allTargets):
		t := allTargets[e.focus]
		e.selected[t], e.touched[t] = !e.selected[t], true
	case k == "space" && e.focus == len(allTargets):
		i := slices.Index(secretModes, e.secrets)
		e.secrets = secretModes[(i+1)%len(secretModes)]
		return e.replan(w)
	}
	return nil
}

// allReady reports whether every selected target has its plan.
func (e *exportStep) allReady() bool {
	for _, t := range allTargets {
		if e.selected[t] && !e.plans[t].ready {
			return false
		}
	}
	return true
}

// apply writes the plans of the selected targets in one go; pressed early,
// it waits for the plans. A target that cannot be planned blocks writing.
func (e *exportStep) apply(w *wizard) tea.Cmd {
	e.applyWhenReady = !e.allReady() && w.s.cfg.Exporter != nil
	if e.applyWhenReady {
		return nil
	}
	var plans []exporters.Plan
	for _, t := range allTargets {
		pv := e.plans[t]
		if !e.selected[t] {
			continue
		}
		if pv.err != nil {
			e.applyErr = fmt.Errorf("%s: %w; turn it off or fix that first", targetNames[t], pv.err)
			return nil
		}
		plans = append(plans, pv.plans...)
	}
	if len(plans) == 0 || w.s.cfg.Exporter == nil {
		return w.next()
	}
	e.applying, e.applyErr = true, nil
	w.s.command = e.options(w).Command
	w.s.notePlans(plans)
	ex := w.s.cfg.Exporter
	return startJob(func(func(tea.Msg)) tea.Msg {
		recs, backups, err := ex.Apply(plans)
		return applyDoneMsg{records: recs, backups: backups, err: err}
	})
}
