package discover

import (
	"context"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// guessSpec is one host prefix × port × security to try.
type guessSpec struct {
	POP      bool
	Prefix   string // "pop.", "" for the bare domain
	Port     int
	Security profile.Security
}

// guessSpecs lists the guesses in preference order: implicit TLS first
// (RFC 8314), then STARTTLS; 587 with implicit TLS is there because some
// providers (Spectrum) run it, which Thunderbird's guessing never tries.
func guessSpecs() []guessSpec {
	var out []guessSpec
	add := func(pop bool, prefixes []string, port int, sec profile.Security) {
		for _, p := range prefixes {
			out = append(out, guessSpec{POP: pop, Prefix: p, Port: port, Security: sec})
		}
	}
	popHosts, smtpHosts := []string{"pop.", "pop3.", "mail.", ""}, []string{"smtp.", "mail.", ""}
	add(true, popHosts, 995, profile.SecurityTLS)
	add(true, popHosts, 110, profile.SecuritySTARTTLS)
	add(false, smtpHosts, 465, profile.SecurityTLS)
	add(false, smtpHosts, 587, profile.SecuritySTARTTLS)
	add(false, smtpHosts, 587, profile.SecurityTLS)
	add(false, smtpHosts, 25, profile.SecuritySTARTTLS)
	return out
}

// probeJob is one guess that resolved and will be probed.
type probeJob struct {
	Spec guessSpec
	Srv  profile.Server
}

// guess is the guessing source: it keeps only names that resolve, probes
// each host/port with a real protocol exchange, and stops as soon as each
// service's best-ranked answer is known.
func (s *session) guess(ctx context.Context) (sourceResult, error) {
	resolved := s.resolveAll(ctx, guessHosts(s.addr.Domain))
	if ctxDone(ctx) != nil {
		return sourceResult{}, ctxDone(ctx)
	}
	jobs := s.probeJobs(resolved)
	if len(jobs) == 0 {
		return sourceResult{Detail: "none of the usual host names resolve"}, nil
	}
	ok := s.runProbes(ctx, jobs)
	r := guessResult(jobs, ok)
	r.Detail = fmt.Sprintf("%d host name(s) resolve; %d of %d probes answered", len(resolved), countTrue(ok), len(jobs))
	if err := ctxDone(ctx); err != nil && !r.found() {
		return r, err
	}
	return r, nil
}

func guessHosts(domain string) []string {
	seen := map[string]bool{}
	var hosts []string
	for _, g := range guessSpecs() {
		h := g.Prefix + domain
		if !seen[h] {
			seen[h] = true
			hosts = append(hosts, h)
		}
	}
	return hosts
}

// resolveAll looks every host up at once and returns those that resolve.
func (s *session) resolveAll(ctx context.Context, hosts []string) map[string]bool {
	type answer struct {
		host string
		ok   bool
	}
	ch := make(chan answer, len(hosts))
	for _, h := range hosts {
		go func(h string) {
			addrs, err := s.dns.LookupHost(ctx, h)
			ch <- answer{h, err == nil && len(addrs) > 0}
		}(h)
	}
	out := map[string]bool{}
	for range hosts {
		if a := <-ch; a.ok {
			out[a.host] = true
		}
	}
	return out
}

func (s *session) probeJobs(resolved map[string]bool) []probeJob {
	var jobs []probeJob
	for _, g := range guessSpecs() {
		host := g.Prefix + s.addr.Domain
		if resolved[host] {
			srv := profile.Server{Host: host, Port: s.o.guessPort(g.Port), Security: g.Security, Username: s.addr.Email}
			jobs = append(jobs, probeJob{Spec: g, Srv: srv})
		}
	}
	return jobs
}

// runProbes probes all jobs at once; it returns when both services are
// decided by the priority rule, all probes are done, or ctx ends.
func (s *session) runProbes(ctx context.Context, jobs []probeJob) []bool {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type res struct {
		i  int
		ok bool
	}
	ch := make(chan res, len(jobs))
	for i, j := range jobs {
		go func(i int, j probeJob) {
			pctx, pcancel := context.WithTimeout(ctx, s.o.probeTimeout())
			defer pcancel()
			ch <- res{i, s.probe(pctx, serviceOf(j.Spec.POP), j.Srv) == nil}
		}(i, j)
	}
	done, ok := make([]bool, len(jobs)), make([]bool, len(jobs))
	for n := 0; n < len(jobs) && !probesDecided(jobs, done, ok); n++ {
		select {
		case r := <-ch:
			done[r.i], ok[r.i] = true, r.ok
		case <-ctx.Done():
			return ok
		}
	}
	return ok
}

// probesDecided applies the priority rule to both services.
func probesDecided(jobs []probeJob, done, ok []bool) bool {
	return probeDecided(jobs, done, ok, true) && probeDecided(jobs, done, ok, false)
}

func probeDecided(jobs []probeJob, done, ok []bool, pop bool) bool {
	for i, j := range jobs {
		if j.Spec.POP != pop {
			continue
		}
		if !done[i] {
			return false
		}
		if ok[i] {
			return true
		}
	}
	return true // every probe for this service finished without success
}

func guessResult(jobs []probeJob, ok []bool) sourceResult {
	var r sourceResult
	for i, j := range jobs {
		if ok[i] {
			r.addCandidate(j.Spec.POP, &Candidate{Server: j.Srv, Source: SourceGuess,
				Notes: []string{"guessed: the server answered on this port with a valid certificate; username not known, trying the full address"}})
		}
	}
	return r
}

func serviceOf(pop bool) verify.Service {
	if pop {
		return verify.ServicePOP3
	}
	return verify.ServiceSMTP
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// verifyProber adapts verify.Probe: connect, TLS or STLS/STARTTLS with the
// certificate checked against Roots, greeting, CAPA/EHLO, no login.
func verifyProber(o *Options) Prober {
	return func(ctx context.Context, svc verify.Service, srv profile.Server) error {
		// The probe resolves through this run's resolver, so --dns-server governs it too.
		d := resolvingDialer{resolver: o.resolver(), dialer: o.baseDialer()}
		vo := &verify.Options{Roots: o.Roots, Dialer: d, Timeout: o.probeTimeout(), StepTimeout: o.probeTimeout()}
		if r := verify.Probe(ctx, vo, svc, srv); !r.OK {
			if r.Error != nil {
				return r.Error
			}
			return fmt.Errorf("%s %s: probe failed", svc, srv.Address())
		}
		return nil
	}
}
