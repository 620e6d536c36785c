package verify

import (
	"net"
	"sync"
	"time"
)

// tracker follows one service's check: it records the steps with their
// durations, reports them live through Options.Progress, arms each step's
// deadline on the connection, and keeps the redacted transcript.
//
// Convention for the helpers that take a tracker and return *Error
// (dialService, tlsClient, the POP3 client): the returned error has already
// gone through t.fail. dialService begins and ends its own steps (resolve,
// connect); tlsClient runs inside the caller's step (StepTLS or StepSTARTTLS).
type tracker struct {
	o     *Options
	svc   Service
	start time.Time

	mu        sync.Mutex
	cur       StepName
	curStart  time.Time
	open      bool
	done      []Step
	lines     []TranscriptLine
	red       redactor
	deadliner interface{ SetDeadline(time.Time) error }
	readTotal int
	readLimit int
}

func newTracker(o *Options, svc Service) *tracker {
	return &tracker{o: o, svc: svc, start: o.now(), readLimit: maxSessionRead}
}

// begin starts a step: it emits EventStarted and gives the wrapped connection
// (if any) a fresh deadline of Options.StepTimeout.
func (t *tracker) begin(step StepName) {
	t.mu.Lock()
	t.cur, t.curStart, t.open = step, t.o.now(), true
	d := t.deadliner
	t.mu.Unlock()
	if d != nil {
		_ = d.SetDeadline(time.Now().Add(t.o.stepTimeout()))
	}
	t.emit(Event{Step: step, State: EventStarted})
}

// end marks the current step as done.
func (t *tracker) end(detail string) {
	s := t.close(true, detail)
	t.emit(Event{Step: s.Name, State: EventDone, Detail: detail})
}

// fail marks the current step as failed, fills e.Service and (if empty)
// e.Step, and returns e so callers can write `return t.fail(e)`.
func (t *tracker) fail(e *Error) *Error {
	e.Service = t.svc
	t.mu.Lock()
	if e.Step == "" {
		e.Step = t.cur
	}
	t.mu.Unlock()
	s := t.close(false, string(e.Kind))
	if s.Name == "" {
		s.Name = e.Step
	}
	t.emit(Event{Step: e.Step, State: EventFailed, Detail: string(e.Kind), Err: e})
	return e
}

// retry closes the current step as not OK without failing the check:
// another attempt follows (the next user name).
func (t *tracker) retry(detail string) {
	s := t.close(false, detail)
	t.emit(Event{Step: s.Name, State: EventDone, Detail: detail})
}

// stepElapsed is how long the current step has been running.
func (t *tracker) stepElapsed() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.o.now().Sub(t.curStart)
}

// close records the current step (once) and returns it.
func (t *tracker) close(ok bool, detail string) Step {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := Step{Name: t.cur, OK: ok, Detail: detail, Duration: t.o.now().Sub(t.curStart)}
	if !t.open {
		return Step{Name: t.cur}
	}
	t.open = false
	t.done = append(t.done, s)
	return s
}

func (t *tracker) emit(ev Event) {
	if t.o.Progress == nil {
		return
	}
	ev.Service, ev.Elapsed = t.svc, t.o.now().Sub(t.start)
	t.o.Progress(ev)
}

func (t *tracker) steps() []Step {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Step(nil), t.done...)
}

// elapsed is the time since the check of this service started.
func (t *tracker) elapsed() time.Duration { return t.o.now().Sub(t.start) }

// transcript returns the recorded lines, or nil unless Options.Transcript.
func (t *tracker) transcript() []TranscriptLine {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.o.Transcript {
		return nil
	}
	return append([]TranscriptLine(nil), t.lines...)
}

// note adds an event line ("*") to the transcript, e.g. "TLS 1.3 established".
func (t *tracker) note(text string) {
	t.record("*", text)
}

func (t *tracker) record(dir, text string) {
	if !t.o.Transcript {
		return
	}
	t.mu.Lock()
	t.lines = append(t.lines, TranscriptLine{At: t.o.now().Sub(t.start), Dir: dir, Text: text})
	t.mu.Unlock()
}

// wrap returns c with transcript recording, redaction and read bounds. The
// last wrapped connection receives each step's deadline.
func (t *tracker) wrap(c net.Conn) net.Conn {
	w := &wireConn{Conn: c, t: t}
	t.mu.Lock()
	t.deadliner = w
	t.mu.Unlock()
	_ = w.SetDeadline(time.Now().Add(t.o.stepTimeout()))
	return w
}

// countRead adds n bytes read to the session total and reports whether the
// session is still within its bound.
func (t *tracker) countRead(n int) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.readTotal += n
	return t.readTotal <= t.readLimit
}
