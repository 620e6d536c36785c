package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// keyLister is a screen with keys beyond its footer (moving between
// fields, the actions on a failure): the help lists them too.
type keyLister interface {
	moreKeys(w *wizard) []key.Binding
}

// helpKey is the key that opens the help on sc: "?" unless sc takes typing.
func (w *wizard) helpKey(sc screen) key.Binding {
	if sc.typing() {
		return w.keys.HelpF1
	}
	return w.keys.Help
}

// allKeys is every key of sc, once each: its footer keys, the others, the
// scroll keys, help and quit.
func (w *wizard) allKeys(sc screen) []key.Binding {
	b := sc.bindings(w)
	if m, ok := sc.(keyLister); ok {
		b = append(b, m.moreKeys(w)...)
	}
	b = append(b, pageDown, pageUp) // every body scrolls when the window is too small for it
	closeHelp := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close this help"))
	return uniqueKeys(append(b, w.helpKey(sc), closeHelp, w.keys.Quit))
}

// uniqueKeys keeps the first binding of each help key.
func uniqueKeys(b []key.Binding) []key.Binding {
	var out []key.Binding
	for _, k := range b {
		if len(missing(out, k)) > 0 {
			out = append(out, k)
		}
	}
	return out
}

// keysView is the help: every key of the screen with what it does, one per
// line, in the body (it scrolls like any body, so none is cut off).
func (w *wizard) keysView(sc screen) string {
	keys := w.allKeys(sc)
	width := 0
	for _, k := range keys {
		width = max(width, lipgloss.Width(k.Help().Key))
	}
	lines := []string{w.st.title.Render("Keys on this screen"), ""}
	for _, k := range keys {
		lines = append(lines, "  "+w.st.key.Render(pad(k.Help().Key, width))+"  "+k.Help().Desc)
	}
	return strings.Join(lines, "\n")
}

// footerView is the one help line: the screen's keys (each screen lists
// them most important first), as many as fit whole, then the help key
// ("all keys", on every screen) and quit, which always show.
func (w *wizard) footerView(sc screen) string {
	helpKey, quit := w.helpKey(sc), w.keys.Quit
	if w.showHelp {
		return w.shortHelp([]key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close help")), quit})
	}
	return w.shortHelp(append(w.fitKeys(sc.bindings(w), helpKey, quit), helpKey, quit))
}

// shortHelp renders keys on one line, whole: fitKeys chose what fits.
func (w *wizard) shortHelp(keys []key.Binding) string {
	h := w.help
	h.SetWidth(0)
	return h.ShortHelpView(keys)
}

// fitKeys takes keys in order while they and the fixed ones fit the width.
func (w *wizard) fitKeys(keys []key.Binding, fixed ...key.Binding) []key.Binding {
	var shown []key.Binding
	for _, k := range keys {
		try := append(append(append([]key.Binding{}, shown...), k), fixed...)
		if lipgloss.Width(w.shortHelp(try)) > w.width {
			break
		}
		shown = append(shown, k)
	}
	return shown
}
