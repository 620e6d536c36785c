package ui

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// startSpinner starts the spinner unless it is already turning.
func (w *wizard) startSpinner() tea.Cmd {
	if w.spinning {
		return nil
	}
	w.spinning = true
	return w.spin.Tick
}

// onTick advances the spinner while any screen has work in flight.
func (w *wizard) onTick(msg spinner.TickMsg) tea.Cmd {
	if len(w.cancels) == 0 {
		w.spinning = false
		return nil
	}
	var cmd tea.Cmd
	w.spin, cmd = w.spin.Update(msg)
	return cmd
}
