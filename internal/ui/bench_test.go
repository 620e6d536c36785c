package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// BenchmarkKeystroke is one key press on a text field plus the frame it
// causes: the work between a key and the screen, with no I/O in it.
func BenchmarkKeystroke(b *testing.B) {
	w := newWizard(b.Context(), testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	w.Init()
	key := tea.KeyPressMsg{Code: 'a', Text: "a"}
	backspace := tea.KeyPressMsg{Code: tea.KeyBackspace}
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			w.Update(key)
		} else {
			w.Update(backspace)
		}
		_ = w.View()
	}
}

// BenchmarkVerificationFrame renders the busiest screen: both services'
// steps and a failure explanation with a certificate.
func BenchmarkVerificationFrame(b *testing.B) {
	d := &driver{w: newWizard(b.Context(), testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{certUntrusted}}))}
	d.run(d.w.Init())
	d.typeText("jane@example.com")
	d.press("enter", "enter")
	d.typeText("pw")
	d.press("enter", "enter")
	for b.Loop() {
		_ = d.w.View()
	}
}
