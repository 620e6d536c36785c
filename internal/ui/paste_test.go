package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// A bracketed paste (what a terminal sends when a password manager pastes)
// lands in the focused field, without the line break a copied line brings;
// text the field would change (several lines) is refused with a reason.
func TestPasteGoesIntoTheFocusedField(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	d.paste("jane@example.com\n")
	if got := d.w.screens[stepAccount].(*accountStep).form.value(0); got != "jane@example.com" {
		t.Fatalf("the address field holds %q after the paste", got)
	}
	d.press("enter", "enter", "enter")
	d.at(stepPassword)
	d.paste("two\nlines")
	if !strings.Contains(d.view(), "paste one line") {
		t.Fatalf("a two-line paste is not refused with a reason:\n%s", d.view())
	}
	d.paste("s3cret pass\r\n")
	if got := d.w.screens[stepPassword].(*passwordStep).form.fields[0].in.Value(); got != "s3cret pass" {
		t.Fatalf("the password field holds %q after the paste", got)
	}
}

// A paste on a screen with no text field is dropped: pasted text is never
// read as key presses (a pasted "q" or "enter" must do nothing).
func TestPasteWithoutATextFieldDoesNothing(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	d.toVerified()
	before := d.w.cur
	d.paste("\n")
	d.at(before)
}

func (d *driver) paste(s string) {
	_, cmd := d.w.Update(tea.PasteMsg{Content: s})
	d.run(cmd)
}
