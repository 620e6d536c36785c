package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// driver runs a wizard without a Program: it feeds keys to Update and runs
// the returned commands synchronously, delivering background-job messages
// back to Update (spinner ticks, colour queries and the like are dropped).
type driver struct {
	t    *testing.T
	w    *wizard
	quit bool
	// hold keeps commands instead of running them (for work that blocks).
	hold    bool
	pending []tea.Cmd
}

func newDriver(t *testing.T, cfg Config) *driver {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	d := &driver{t: t, w: newWizard(ctx, cfg)}
	d.run(d.w.Init())
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if d.hold {
		d.pending = append(d.pending, cmd)
		return
	}
	switch m := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			d.run(c)
		}
	case jobMsg:
		_, next := d.w.Update(m)
		d.run(next)
	case tea.QuitMsg:
		d.quit = true
	}
}

// press sends keys: names such as "enter", "tab", "shift+tab", "esc",
// "ctrl+c", "space", "up", "down", or single characters.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		_, cmd := d.w.Update(keyMsg(k))
		d.run(cmd)
	}
}

// typeText types each rune of s.
func (d *driver) typeText(s string) {
	for _, r := range s {
		_, cmd := d.w.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		d.run(cmd)
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]tea.Key{
		"enter": {Code: tea.KeyEnter}, "tab": {Code: tea.KeyTab}, "shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"esc": {Code: tea.KeyEscape}, "space": {Code: tea.KeySpace, Text: " "}, "up": {Code: tea.KeyUp},
		"down": {Code: tea.KeyDown}, "f1": {Code: tea.KeyF1}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+t": {Code: 't', Mod: tea.ModCtrl}, "ctrl+o": {Code: 'o', Mod: tea.ModCtrl}, "ctrl+r": {Code: 'r', Mod: tea.ModCtrl},
		"ctrl+u": {Code: 'u', Mod: tea.ModCtrl},
	}
	if k, ok := named[k]; ok {
		return tea.KeyPressMsg(k)
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (d *driver) at(want stepID) {
	d.t.Helper()
	if d.w.cur != want {
		d.t.Fatalf("on screen %q, want %q\n%s", d.w.screens[d.w.cur].name(), d.w.screens[want].name(), d.w.render())
	}
}

// toVerified walks from the first screen to a successful verification.
func (d *driver) toVerified() {
	d.t.Helper()
	d.typeText("jane@example.com")
	d.press("enter")
	d.typeText("Jane Doe")
	d.press("enter")
	d.at(stepDiscover)
	d.press("enter")
	d.at(stepPassword)
	d.typeText("s3cret pass")
	d.press("enter")
	if d.w.cur == stepPassword { // on to the username field, shown when discovery chose another
		d.press("enter")
	}
	d.at(stepVerify)
}

// release runs the held commands.
func (d *driver) release() {
	d.hold = false
	p := d.pending
	d.pending = nil
	for _, c := range p {
		d.run(c)
	}
}

// view is the current frame without escape sequences.
func (d *driver) view() string { return ansi.Strip(d.w.render()) }
