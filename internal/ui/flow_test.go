package ui

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// flowTimeout bounds waits in the teatest flows; it is a safety net, not an assertion.
const flowTimeout = 20 * time.Second

func newFlow(t *testing.T, cfg Config) (*teatest.TestModel, *wizard) {
	w := newWizard(t.Context(), cfg)
	tm := teatest.NewTestModel(t, w, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return tm, w
}

func waitForText(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(flowTimeout), teatest.WithCheckInterval(5*time.Millisecond))
}

func press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

func TestFlowFromAddressToWrittenFiles(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{authFailed, okResult}}
	cfg := testConfig(v)
	ex := &fakeExporter{}
	cfg.Exporter = ex
	tm, _ := newFlow(t, cfg)
	tm.Type("jane@example.com")
	press(tm, "enter")
	tm.Type("Jane Doe")
	press(tm, "enter")
	tm.Type("wrong")
	press(tm, "enter")
	waitForText(t, tm, "Example Mail")
	press(tm, "enter")
	waitForText(t, tm, "other username form")
	press(tm, "p") // re-enter the password
	press(tm, "ctrl+u")
	tm.Type("right")
	press(tm, "enter") // straight back to the check, which runs again
	waitForText(t, tm, "Press enter to choose")
	press(tm, "enter", "space", "enter") // leave on server: off
	waitForText(t, tm, "Which mail programs")
	press(tm, "enter")
	waitForText(t, tm, "is set up")
	press(tm, "enter")

	w := tm.FinalModel(t, teatest.WithFinalTimeout(flowTimeout)).(*wizard)
	if !w.finished || w.aborted {
		t.Fatalf("finished=%v aborted=%v", w.finished, w.aborted)
	}
	if got := v.calls[len(v.calls)-1].Password.Reveal(); got != "right" {
		t.Fatalf("last check used password %q, want the re-entered one", got)
	}
	out := w.s.out
	if len(out.Written) != 3 || out.Profile.POP.LeaveOnServer || out.Profile.Verified.IsZero() {
		t.Fatalf("outcome = %+v", out)
	}
	if out.Profile.Incoming.Host != "pop.example.com" || out.Profile.Outgoing.Port != 465 {
		t.Fatalf("servers = %+v %+v", out.Profile.Incoming, out.Profile.Outgoing)
	}
}

func TestFlowCtrlCCancelsTheCheckInFlight(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}, block: make(chan struct{}),
		canceled: make(chan struct{})}
	tm, _ := newFlow(t, testConfig(v))
	tm.Type("jane@example.com")
	press(tm, "enter", "enter")
	tm.Type("pw")
	press(tm, "enter")
	waitForText(t, tm, "Example Mail")
	press(tm, "enter")
	waitForText(t, tm, "Logging in to both")
	press(tm, "ctrl+c")
	w := tm.FinalModel(t, teatest.WithFinalTimeout(flowTimeout)).(*wizard)
	if !w.aborted {
		t.Fatal("ctrl+c did not abort")
	}
	<-v.canceled // the verifier saw its context end; the test times out otherwise
	if len(w.cancels) != 0 {
		t.Fatalf("work still tracked after quitting: %d", len(w.cancels))
	}
}

func TestRunMapsCtrlCToErrAborted(t *testing.T) {
	var out bytes.Buffer
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.In, cfg.Out = strings.NewReader("jane\x03"), &out
	_, err := Run(t.Context(), cfg)
	if !errors.Is(err, ErrAborted) {
		t.Fatalf("Run after ctrl+c = %v, want ErrAborted", err)
	}
	if !bytes.Contains(out.Bytes(), []byte("\x1b[?1049l")) {
		t.Fatalf("the terminal was not given back (no alternate-screen exit):\n%q", out.String())
	}
}
