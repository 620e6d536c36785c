package verify

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func TestTrackerStepsAndEvents(t *testing.T) {
	var mu sync.Mutex
	var events []Event
	clock := time.Unix(1000, 0)
	o := &Options{
		Progress: func(e Event) { mu.Lock(); events = append(events, e); mu.Unlock() },
		Now:      func() time.Time { clock = clock.Add(time.Millisecond); return clock },
	}
	tr := newTracker(o, ServicePOP3)
	tr.begin(StepConnect)
	tr.end("127.0.0.1:995")
	tr.begin(StepAuth)
	e := tr.fail(&Error{Kind: KindAuthFailed, Err: errors.New("no")})
	if e.Service != ServicePOP3 || e.Step != StepAuth {
		t.Errorf("fail filled %+v", e)
	}
	tr.end("ignored: the step is already closed")
	steps := tr.steps()
	if len(steps) != 2 || !steps[0].OK || steps[1].OK || steps[0].Duration <= 0 || steps[1].Detail != "auth_failed" {
		t.Fatalf("steps %+v", steps)
	}
	want := []EventState{EventStarted, EventDone, EventStarted, EventFailed}
	if len(events) < len(want) {
		t.Fatalf("events %+v", events)
	}
	for i, st := range want {
		if events[i].State != st || events[i].Service != ServicePOP3 {
			t.Errorf("event %d = %+v, want state %v", i, events[i], st)
		}
	}
	if events[3].Err != e || events[3].Elapsed <= 0 {
		t.Errorf("failed event %+v", events[3])
	}
}

func TestOptionDefaults(t *testing.T) {
	var o Options
	if o.totalTimeout() != 30*time.Second || o.now().IsZero() {
		t.Error("defaults not applied")
	}
	if o.stepTimeout() != o.totalTimeout() {
		t.Error("without StepTimeout a step may use the whole deadline")
	}
	o = Options{Timeout: time.Minute}
	if o.stepTimeout() != time.Minute {
		t.Error("a longer --timeout gives each step more time")
	}
	o = Options{StepTimeout: time.Second, Timeout: 2 * time.Second}
	if o.stepTimeout() != time.Second || o.totalTimeout() != 2*time.Second {
		t.Error("set values not used")
	}
}
