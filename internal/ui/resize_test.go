package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// A window made smaller after a check ended keeps the outcome in sight (the
// user had not scrolled); one the user scrolled stays where they put it.
func TestResizeKeepsTheOutcomeInSight(t *testing.T) {
	const sentence = "POP3 failed at login"
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{authFailed}}))
	d.w.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	d.toVerified()
	if !strings.Contains(d.view(), sentence) {
		t.Fatalf("the failure is not in sight at 100x40:\n%s", d.view())
	}
	d.w.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	if !strings.Contains(d.view(), sentence) {
		t.Fatalf("after the window shrank to 60x16 the failure is out of sight:\n%s", d.view())
	}
	d.press("pgup")
	scrolled := d.w.scroll.offset
	d.w.Update(tea.WindowSizeMsg{Width: 58, Height: 16})
	d.view()
	if d.w.scroll.offset != scrolled {
		t.Errorf("a resize moved the body the user scrolled (offset %d, was %d)", d.w.scroll.offset, scrolled)
	}
}
