package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// joinedText is a frame's words in one line: a row wrapped onto the next
// lines reads as it did unwrapped.
func joinedText(frame string) string { return strings.Join(strings.Fields(frame), " ") }

// At 60 columns a long source detail and a long step detail go on below in
// their column instead of being cut with "…".
func TestNarrowWindowShowsLongDetailsWhole(t *testing.T) {
	const srcDetail = "https://autoconfig.example.com answered 404 Not Found after a redirect"
	const stepDetail = "refused for jane@example.com; trying the username jane next"
	long := func(o verify.Options) verify.Result {
		r := authFailed(o)
		r.POP3.Steps[len(r.POP3.Steps)-1].Detail = stepDetail
		return r
	}
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{long}}))
	d.w.Update(tea.WindowSizeMsg{Width: 60, Height: 60})
	d.typeText("jane@example.com")
	d.press("enter")
	d.typeText("Jane Doe")
	d.press("enter")
	ds := d.w.screens[stepDiscover].(*discoverStep)
	d.w.onJob(discoverEventMsg{ds.attempt, discover.SourceReport{Source: "autoconfig", State: "error", Duration: 80 * time.Millisecond, Detail: srcDetail}})
	assertWhole(t, d.view(), srcDetail, 60)
	d.press("enter")
	d.typeText("pw")
	d.press("enter")
	d.at(stepVerify)
	assertWhole(t, d.view(), stepDetail, 60)
}

func assertWhole(t *testing.T, frame, want string, width int) {
	t.Helper()
	if !strings.Contains(joinedText(frame), want) {
		t.Errorf("%q is not shown whole:\n%s", want, frame)
	}
	for _, l := range strings.Split(frame, "\n") {
		if lipglossWidth(l) > width {
			t.Errorf("line wider than %d: %q", width, l)
		}
	}
}
