package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	"charm.land/lipgloss/v2"
)

// scroll is where the screen body is scrolled to. The body of every screen
// sits in a viewport: what does not fit is reached with pgdn/pgup (or
// shift+↓/↑), and a line under the body says how much is out of sight.
type scroll struct {
	offset int
	// lines and room are the last drawn body's length and height, so keys
	// scroll by what the user saw.
	lines, room int
	// toAnchor asks the next frame to show the screen's anchor first (the
	// outcome of a check that just ended).
	toAnchor bool
	// moved says the user paged since the anchor was last shown: a resize
	// then leaves the body where they put it instead of re-anchoring.
	moved bool
}

// resized re-anchors the next frame after the window changed size, unless
// the user has scrolled: the lines wrap anew, so the old offset no longer
// shows what it showed.
func (s *scroll) resized() {
	if !s.moved {
		s.toAnchor = true
	}
}

// anchored is a screen with a part that must be in sight when it appears.
type anchored interface {
	anchor() int // the body line to show first
}

var (
	pageDown = key.NewBinding(key.WithKeys("pgdown", "shift+down"), key.WithHelp("pgdn", "scroll down"))
	pageUp   = key.NewBinding(key.WithKeys("pgup", "shift+up"), key.WithHelp("pgup", "scroll up"))
)

// page moves the body by a page less a line of overlap.
func (s *scroll) page(down bool) {
	step := max(s.room-1, 1)
	if !down {
		step = -step
	}
	s.offset = s.clamp(s.offset + step)
	s.moved = true
}

func (s *scroll) clamp(n int) int { return max(0, min(n, s.lines-s.room)) }

// overflows reports whether the last body did not fit.
func (s *scroll) overflows() bool { return s.lines > s.room }

// bodyView draws body into room lines of a viewport, each line cut to
// width; when it does not fit, the last line says what is out of sight.
func (w *wizard) bodyView(sc screen, body string, room int) string {
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		if lipgloss.Width(l) > w.width {
			l = Wrap(l, w.width, textColumn(l)) // nothing is cut off: a long row goes on below, in its text column
		}
		lines = append(lines, strings.Split(l, "\n")...)
	}
	s := &w.scroll
	s.lines, s.room = len(lines), room
	if len(lines) > room {
		s.room = room - 1 // the hint line
	}
	if a, ok := sc.(anchored); ok && s.toAnchor {
		s.offset, s.toAnchor, s.moved = a.anchor(), false, false
	}
	s.offset = s.clamp(s.offset)
	vp := viewport.New(viewport.WithWidth(w.width), viewport.WithHeight(s.room))
	vp.KeyMap = viewport.KeyMap{} // the wizard routes keys itself
	vp.SetContentLines(lines)
	vp.SetYOffset(s.offset)
	out := strings.Split(vp.View(), "\n")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	if len(lines) > room {
		out = append(out, w.scrollHint())
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}

// scrollHint says what is above and below the visible part, and the keys.
func (w *wizard) scrollHint() string {
	s := w.scroll
	below, above := s.lines-s.room-s.offset, s.offset
	var parts []string
	if below > 0 {
		parts = append(parts, fmt.Sprintf("↓ %s below: pgdn", plural(below, "more line")))
	}
	if above > 0 {
		parts = append(parts, fmt.Sprintf("↑ %s above: pgup", plural(above, "line")))
	}
	return w.st.accent.Render(strings.Join(parts, " · "))
}
