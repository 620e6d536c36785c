package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the frame: a header with the step, the screen, and the help line
// pinned to the bottom row.
func (w *wizard) View() tea.View {
	v := tea.NewView(w.render())
	v.AltScreen = true
	v.WindowTitle = "setupwiz"
	return v
}

func (w *wizard) render() string {
	if w.aborted || w.finished {
		return ""
	}
	sc := w.screens[w.cur]
	bottom := w.footerView(sc)
	if f, ok := sc.(interface{ footer(*wizard) string }); ok && f.footer(w) != "" {
		bottom = clip(f.footer(w), 3, w.width) + "\n\n" + bottom
	}
	room := max(w.height-2-lipgloss.Height(bottom), 3)
	content := sc.view(w)
	if w.showHelp {
		content = w.keysView(sc)
	}
	body := w.bodyView(sc, strings.TrimRight(content, "\n"), room-1)
	gap := max(room-lipgloss.Height(body), 1)
	return w.header(sc) + "\n\n" + body + strings.Repeat("\n", gap+1) + bottom
}

func (w *wizard) header(sc screen) string {
	title := "setupwiz"
	if w.s.cfg.Title != "" {
		title += " " + w.s.cfg.Title
	}
	n, of := w.s.stepNumber(w.cur)
	step := fmt.Sprintf("  step %d of %d · %s", n, of, sc.name())
	return w.st.header.Render(title) + w.st.subtle.Render(step)
}

// clip keeps the first n lines, cut to width, marking what was left out.
func clip(s string, n, width int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n-1], fmt.Sprintf("… %d more lines (make the window taller)", len(lines)-n+1))
	}
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// wrap fits text into width columns, flush left (see Wrap).
func wrap(s string, width int) string { return Wrap(s, width, 0) }

// indentWrap wraps s to width with every line indented by n spaces.
func indentWrap(s string, width, n int) string { return Wrap(strings.Repeat(" ", n)+s, width, n) }

// bodyWidth is the width text is wrapped to.
func (w *wizard) bodyWidth() int { return min(w.width, 100) - 2 }

// missing returns the bindings of extra whose help key is not already in have.
func missing(have []key.Binding, extra ...key.Binding) []key.Binding {
	var out []key.Binding
	for _, e := range extra {
		dup := false
		for _, h := range have {
			dup = dup || h.Help().Key == e.Help().Key
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}
