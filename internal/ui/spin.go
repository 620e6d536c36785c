package ui

import (
	"strings"

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

// spinner is the current frame without the padding some frames carry.
func (w *wizard) spinner() string { return w.st.accent.Render(strings.TrimSpace(w.spin.View())) }
