package discover

import (
	"context"
)

// Discover finds POP3 and SMTP candidates for email.
//
// Every source starts at once; the fixed priority preset > autoconfig >
// ispdb > srv > mx > guess decides. A service's answer is final as soon as
// every higher-priority source has finished, and the run ends when both
// services are final (lower sources are cancelled and reported as
// "canceled"), when every source has finished, or at Options.Timeout.
//
// Presets rank first and short-circuit: the table is embedded (authenticated
// by the binary itself), curated with several candidates per service and the
// provider's policy notes, and answers instantly and offline. It is consulted
// before anything else starts; when it answers both services, nothing touches
// the network and the other sources are reported "skipped". A provider's own
// autoconfig is the next authority, ahead of the ISPDB, which is a third
// party's copy.
//
// The error is non-nil only for an invalid address, an unusable DNSServer or
// preset table,
// or when ctx itself is cancelled (a partial Result is still returned). A
// run that finds nothing is not an error: check Result.Complete.
func Discover(ctx context.Context, email string, o Options) (Result, error) {
	addr, err := parseAddress(email)
	if err != nil {
		return Result{Email: email}, err
	}
	if err := o.check(); err != nil {
		return Result{Email: email}, err
	}
	presets := o.Presets
	if presets == nil {
		if presets, err = DefaultPresets(); err != nil {
			return Result{Email: email}, err
		}
	}
	s := newSession(addr, &o, presets)
	start := o.now()
	runCtx, cancel := context.WithTimeout(ctx, o.timeout())
	defer cancel()
	jobs := s.jobs()
	r := newRunner(jobs, o.Progress, o.now)
	r.run(runCtx)
	res := Result{Email: addr.Email, Sources: r.reports, POP3: []Candidate{}, SMTP: []Candidate{}}
	merge(&res, r.finished(), jobs)
	res.Duration = o.now().Sub(start)
	return res, ctx.Err()
}

// jobs lists the sources in priority order.
func (s *session) jobs() []job {
	guessSkip := ""
	if !s.o.Guess {
		guessSkip = "guessing is off"
	}
	return []job{
		{Source: SourcePreset, Run: s.preset, Sync: true},
		{Source: SourceAutoconfig, Run: s.autoconfig},
		{Source: SourceISPDB, Run: s.ispdb},
		{Source: SourceSRV, Run: s.srv},
		{Source: SourceMX, Run: s.mx},
		{Source: SourceGuess, Run: s.guess, Skip: guessSkip},
	}
}

// preset is the embedded-table source.
func (s *session) preset(context.Context) (sourceResult, error) {
	p := s.presets.ForDomain(s.addr.Domain)
	if p == nil {
		return sourceResult{Detail: "no preset for " + s.addr.Domain}, nil
	}
	return p.result(s.addr, origin{Source: SourcePreset, Trusted: true}), nil
}
