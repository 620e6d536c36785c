package ui

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// flowTimeout bounds waits in the teatest flows; it is a safety net, not an assertion.
const flowTimeout = 20 * time.Second

// probe wraps the wizard for teatest and publishes its state after every
// Update, so a flow waits for states rather than for text in the renderer's
// output (which holds cell diffs, not whole lines).
type probe struct {
	*wizard
	mu     sync.Mutex
	state  flowState
	notify chan struct{}
}

// flowState is what a flow waits for.
type flowState struct {
	step     stepID
	verified bool
	failed   bool // a check ended without success
	discDone bool
	running  bool // a check is in flight
}

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.wizard.Update(msg)
	v := p.wizard.screens[stepVerify].(*verifyStep)
	st := flowState{step: p.wizard.cur, verified: p.wizard.s.verified, discDone: p.wizard.s.discDone, running: v.running,
		failed: !v.running && len(p.wizard.s.failures()) > 0}
	p.mu.Lock()
	p.state = st
	p.mu.Unlock()
	select {
	case p.notify <- struct{}{}:
	default:
	}
	return p, cmd
}

// waitUntil blocks until the wizard's state satisfies ok (flowTimeout is a safety net).
func (p *probe) waitUntil(t *testing.T, what string, ok func(flowState) bool) {
	t.Helper()
	timeout := time.After(flowTimeout)
	for {
		p.mu.Lock()
		st := p.state
		p.mu.Unlock()
		if ok(st) {
			return
		}
		select {
		case <-p.notify:
		case <-timeout:
			t.Fatalf("the wizard never reached: %s (last state %+v)", what, st)
		}
	}
}

func (p *probe) at(step stepID) func(flowState) bool {
	return func(s flowState) bool { return s.step == step }
}

func newFlow(t *testing.T, cfg Config) (*teatest.TestModel, *probe) {
	p := &probe{wizard: newWizard(t.Context(), cfg), notify: make(chan struct{}, 1)}
	tm := teatest.NewTestModel(t, p, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return tm, p
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
	tm, p := newFlow(t, cfg)
	tm.Type("jane@example.com")
	press(tm, "enter")
	tm.Type("Jane Doe")
	press(tm, "enter")
	p.waitUntil(t, "discovery done", func(s flowState) bool { return s.step == stepDiscover && s.discDone })
	press(tm, "enter")
	p.waitUntil(t, "the password screen", p.at(stepPassword))
	tm.Type("wrong")
	press(tm, "enter")
	p.waitUntil(t, "the failed check", func(s flowState) bool { return s.failed })
	press(tm, "p") // re-enter the password
	p.waitUntil(t, "the password screen", p.at(stepPassword))
	press(tm, "ctrl+u")
	tm.Type("right")
	press(tm, "enter") // straight back to the check, which runs again
	p.waitUntil(t, "verified", func(s flowState) bool { return s.verified })
	press(tm, "enter", "space", "enter") // leave on server: off
	p.waitUntil(t, "the export screen", p.at(stepExport))
	press(tm, "enter")
	p.waitUntil(t, "the done screen", p.at(stepDone))
	press(tm, "enter")

	w := tm.FinalModel(t, teatest.WithFinalTimeout(flowTimeout)).(*probe).wizard
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
	tm, p := newFlow(t, testConfig(v))
	tm.Type("jane@example.com")
	press(tm, "enter", "enter")
	p.waitUntil(t, "discovery done", func(s flowState) bool { return s.step == stepDiscover && s.discDone })
	press(tm, "enter")
	p.waitUntil(t, "the password screen", p.at(stepPassword))
	tm.Type("pw")
	press(tm, "enter")
	p.waitUntil(t, "a check in flight", func(s flowState) bool { return s.running })
	press(tm, "ctrl+c")
	w := tm.FinalModel(t, teatest.WithFinalTimeout(flowTimeout)).(*probe).wizard
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
