package discover

import (
	"context"
	"errors"
	"time"
)

// job is one source as the runner sees it.
type job struct {
	Source Source
	// Run does the work; it must return promptly once ctx is done.
	Run func(ctx context.Context) (sourceResult, error)
	// Sync runs the job before any other starts (presets: instant and offline).
	Sync bool
	// Skip, when set, is why the job does not run at all.
	Skip string
}

// outcome is a finished job.
type outcome struct {
	Index    int
	Result   sourceResult
	Err      error
	Duration time.Duration
}

// runner starts every job at once and stops as soon as the priority rule has
// decided both services: a service is decided when some finished job answers
// it and every job before it (higher priority) has finished. Jobs still
// running then are cancelled and reported as such.
type runner struct {
	jobs     []job
	progress func(SourceReport)
	now      func() time.Time

	done    []*outcome
	reports []SourceReport
}

func newRunner(jobs []job, progress func(SourceReport), now func() time.Time) *runner {
	if progress == nil {
		progress = func(SourceReport) {}
	}
	r := &runner{jobs: jobs, progress: progress, now: now, done: make([]*outcome, len(jobs))}
	r.reports = make([]SourceReport, len(jobs))
	for i, j := range jobs {
		r.reports[i] = SourceReport{Source: j.Source, State: StatePending}
	}
	return r
}

// run returns when both services are decided, every job has finished, or ctx ends.
func (r *runner) run(ctx context.Context) {
	start := r.now()
	r.runSync(ctx, start)
	if r.decided() {
		r.skipRest("an earlier source already answered")
		return
	}
	results := make(chan outcome, len(r.jobs))
	cancels := r.startAll(ctx, start, results)
	defer cancelAll(cancels)
	r.collect(ctx, results)
	r.cancelRest(ctx, start)
}

func (r *runner) runSync(ctx context.Context, start time.Time) {
	for i, j := range r.jobs {
		if j.Sync && j.Skip == "" {
			r.progress(r.reports[i])
			res, err := j.Run(ctx)
			r.finish(outcome{Index: i, Result: res, Err: err, Duration: r.now().Sub(start)})
		}
	}
}

func (r *runner) startAll(ctx context.Context, start time.Time, results chan<- outcome) []context.CancelFunc {
	cancels := make([]context.CancelFunc, len(r.jobs))
	for i, j := range r.jobs {
		switch {
		case r.done[i] != nil:
		case j.Skip != "":
			r.setReport(i, StateSkipped, 0, j.Skip)
		default:
			jctx, cancel := context.WithCancel(ctx)
			cancels[i] = cancel
			r.progress(r.reports[i])
			go r.runOne(jctx, i, start, results)
		}
	}
	return cancels
}

func (r *runner) runOne(ctx context.Context, i int, start time.Time, results chan<- outcome) {
	res, err := r.jobs[i].Run(ctx)
	results <- outcome{Index: i, Result: res, Err: err, Duration: r.now().Sub(start)}
}

func (r *runner) collect(ctx context.Context, results <-chan outcome) {
	for !r.decided() && !r.allDone() {
		select {
		case o := <-results:
			r.finish(o)
		case <-ctx.Done():
			r.drain(results)
			return
		}
	}
}

// drain records jobs that finished in the same instant as the deadline.
func (r *runner) drain(results <-chan outcome) {
	for {
		select {
		case o := <-results:
			if o.Err == nil {
				r.finish(o)
			}
		default:
			return
		}
	}
}

// finish records a finished job and reports it.
func (r *runner) finish(o outcome) {
	r.done[o.Index] = &o
	state, detail := StateNone, o.Result.Detail
	switch {
	case errors.Is(o.Err, context.Canceled):
		state, detail = StateCanceled, "canceled"
	case errors.Is(o.Err, context.DeadlineExceeded):
		state, detail = StateCanceled, "stopped at the deadline"
	case o.Err != nil:
		state, detail = StateError, o.Err.Error()
	case o.Result.found():
		state = StateFound
	}
	r.setReport(o.Index, state, o.Duration, detail)
}

func (r *runner) setReport(i int, state SourceState, d time.Duration, detail string) {
	r.reports[i] = SourceReport{Source: r.jobs[i].Source, State: state, Duration: d, Detail: detail}
	r.progress(r.reports[i])
}

func (r *runner) skipRest(why string) {
	for i, j := range r.jobs {
		if r.done[i] == nil {
			detail := why
			if j.Skip != "" {
				detail = j.Skip
			}
			r.setReport(i, StateSkipped, 0, detail)
		}
	}
}

func (r *runner) cancelRest(ctx context.Context, start time.Time) {
	why := "a higher-priority source answered first"
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		why = "interrupted"
	case ctx.Err() != nil:
		why = "stopped at the deadline"
	}
	for i := range r.jobs {
		if r.done[i] == nil && r.reports[i].State == StatePending {
			r.setReport(i, StateCanceled, r.now().Sub(start), why)
		}
	}
}

func cancelAll(cs []context.CancelFunc) {
	for _, c := range cs {
		if c != nil {
			c()
		}
	}
}

func (r *runner) allDone() bool {
	for i, j := range r.jobs {
		if r.done[i] == nil && j.Skip == "" {
			return false
		}
	}
	return true
}

func (r *runner) decided() bool { return r.decidedFor(true) && r.decidedFor(false) }

// decidedFor applies the priority rule to one service.
func (r *runner) decidedFor(pop bool) bool {
	for i, j := range r.jobs {
		o := r.done[i]
		if o == nil && j.Skip == "" {
			return false // a higher-priority source is still running
		}
		if o != nil && o.Err == nil && o.Result.answers(pop) {
			return true
		}
	}
	return false
}

// finished returns the outcomes of jobs that ended without error, in priority order.
func (r *runner) finished() []*outcome {
	var out []*outcome
	for _, o := range r.done {
		if o != nil && o.Err == nil {
			out = append(out, o)
		}
	}
	return out
}
