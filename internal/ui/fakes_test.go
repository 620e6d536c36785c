package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// fakeDiscoverer reports every source and returns a fixed result.
type fakeDiscoverer struct{ res discover.Result }

func (f fakeDiscoverer) Discover(ctx context.Context, email string, progress func(discover.SourceReport)) (discover.Result, error) {
	for _, r := range f.res.Sources {
		progress(r)
	}
	res := f.res
	res.Email = email
	return res, nil
}

func exampleDiscovery() discover.Result {
	pop := func(host string, port int, sec profile.Security) discover.Candidate {
		return discover.Candidate{Server: profile.Server{Host: host, Port: port, Security: sec}, Source: "autoconfig",
			Trusted: true, URL: "https://autoconfig.example.com/mail/config-v1.1.xml"}
	}
	return discover.Result{
		Provider: "Example Mail", Winner: "autoconfig",
		POP3: []discover.Candidate{pop("pop.example.com", 995, profile.SecurityTLS), pop("pop.example.com", 110, profile.SecuritySTARTTLS)},
		SMTP: []discover.Candidate{pop("smtp.example.com", 465, profile.SecurityTLS), pop("smtp.example.com", 587, profile.SecuritySTARTTLS)},
		Sources: []discover.SourceReport{
			{Source: "preset", State: "none", Duration: 300 * time.Microsecond, Detail: "no preset for example.com"},
			{Source: "autoconfig", State: "found", Duration: 120 * time.Millisecond, Detail: "2 POP3, 2 SMTP servers"},
			{Source: "ispdb", State: "canceled", Duration: 121 * time.Millisecond},
			{Source: "srv", State: "canceled", Duration: 121 * time.Millisecond},
			{Source: "mx", State: "canceled", Duration: 121 * time.Millisecond},
			{Source: "guess", State: "canceled", Duration: 121 * time.Millisecond},
		},
	}
}

// fakeVerifier answers with scripted results, one per call (the last repeats),
// and records the options of every call.
type fakeVerifier struct {
	mu       sync.Mutex
	results  []func(o verify.Options) verify.Result
	calls    []verify.Options
	block    chan struct{} // when set, Verify waits for it or for the context
	canceled chan struct{} // when set, closed once Verify saw its context end
	ctxErr   []error
}

// Verify builds the check's options the real way (internal/setup) and answers them.
func (f *fakeVerifier) Verify(ctx context.Context, l setup.Login) (verify.Result, error) {
	flow := setup.Flow{Check: f.check}
	return flow.Verify(ctx, l)
}

func (f *fakeVerifier) check(ctx context.Context, o verify.Options) verify.Result {
	f.mu.Lock()
	n := len(f.calls)
	f.calls = append(f.calls, o)
	next := f.results[min(n, len(f.results)-1)]
	f.mu.Unlock()
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			f.mu.Lock()
			f.ctxErr = append(f.ctxErr, ctx.Err())
			f.mu.Unlock()
			if f.canceled != nil {
				close(f.canceled)
			}
			return verify.Result{}
		}
	}
	res := next(o)
	for _, sr := range []*verify.ServiceResult{res.POP3, res.SMTP} {
		for _, st := range sr.Steps {
			state := verify.EventDone
			if !st.OK {
				state = verify.EventFailed
			}
			o.Progress(verify.Event{Service: sr.Service, Step: st.Name, State: verify.EventStarted})
			o.Progress(verify.Event{Service: sr.Service, Step: st.Name, State: state, Detail: st.Detail, Elapsed: st.Duration})
		}
	}
	return res
}

func (f *fakeVerifier) nCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// okResult is a successful check of whatever servers were asked for.
func okResult(o verify.Options) verify.Result {
	return verify.Result{
		POP3: &verify.ServiceResult{Service: verify.ServicePOP3, Server: o.Incoming, OK: true, Steps: okSteps(true),
			Mailbox: &verify.MailboxStats{Messages: 12, Octets: 3_400_000, UIDL: true}},
		SMTP: &verify.ServiceResult{Service: verify.ServiceSMTP, Server: o.Outgoing, OK: true, Steps: okSteps(false)},
	}
}

func okSteps(pop bool) []verify.Step {
	steps := []verify.Step{
		{Name: verify.StepConnect, OK: true, Detail: "127.0.0.1", Duration: 3 * time.Millisecond},
		{Name: verify.StepTLS, OK: true, Detail: "TLS 1.3, mail.example.com", Duration: 31 * time.Millisecond},
		{Name: verify.StepCapa, OK: true, Detail: "USER SASL UIDL", Duration: 2 * time.Millisecond},
		{Name: verify.StepAuth, OK: true, Detail: "PLAIN", Duration: 40 * time.Millisecond},
	}
	if pop {
		steps = append(steps, verify.Step{Name: verify.StepMailbox, OK: true, Detail: "12 messages, 3.4 MB", Duration: 5 * time.Millisecond})
	}
	return steps
}

// authFailed fails POP3 login (SMTP works).
func authFailed(o verify.Options) verify.Result {
	r := okResult(o)
	r.POP3.OK, r.POP3.Mailbox = false, nil
	r.POP3.Steps = append(okSteps(false)[:3], verify.Step{Name: verify.StepAuth, OK: false, Detail: "auth_failed", Duration: 41 * time.Millisecond})
	r.POP3.Error = &verify.Error{Kind: verify.KindAuthFailed, Service: verify.ServicePOP3, Step: verify.StepAuth,
		ServerText: "-ERR [AUTH] Authentication failed.", Hint: "check the password; some providers want an app password"}
	return r
}

// certUntrusted fails both services on an unknown certificate authority.
func certUntrusted(o verify.Options) verify.Result {
	cert := &verify.CertInfo{Subject: "CN=mail.example.com", Issuer: "CN=Example Private CA", DNSNames: []string{"mail.example.com"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		SHA256: "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", Problem: "unknown_authority"}
	fail := func(svc verify.Service, srv profile.Server) *verify.ServiceResult {
		return &verify.ServiceResult{Service: svc, Server: srv, Steps: []verify.Step{
			{Name: verify.StepConnect, OK: true, Duration: 3 * time.Millisecond},
			{Name: verify.StepTLS, OK: false, Detail: "tls_certificate", Duration: 9 * time.Millisecond}},
			Error: &verify.Error{Kind: verify.KindTLSCertificate, Service: svc, Step: verify.StepTLS, Cert: cert,
				Hint: "the certificate is signed by an authority this system does not trust"}}
	}
	return verify.Result{POP3: fail(verify.ServicePOP3, o.Incoming), SMTP: fail(verify.ServiceSMTP, o.Outgoing)}
}

// fakeExporter plans one file per target under /out and records what was applied.
type fakeExporter struct {
	mu       sync.Mutex
	existing map[string][]byte // target → old content
	applied  []exporters.Plan
	opts     []exporters.Options
}

func (f *fakeExporter) Plan(targets []string, p profile.Profile, o exporters.Options) ([]exporters.Plan, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opts = append(f.opts, o)
	var plans []exporters.Plan
	for _, t := range targets {
		old := f.existing[t]
		nw := []byte(fmt.Sprintf("# %s for %s\nhost %s\n", t, p.Email, p.Incoming.Host))
		diff := ""
		if old != nil {
			diff = "--- a/" + t + "\n+++ b/" + t + "\n-" + string(old) + "+" + string(nw)
		}
		plans = append(plans, exporters.Plan{Target: t, Path: "/out/" + t, Old: old, New: nw, Diff: diff, Secrets: o.Secrets})
	}
	return plans, nil
}

func (f *fakeExporter) Apply(plans []exporters.Plan) ([]profile.ExportRecord, []string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.applied = append(f.applied, plans...)
	var recs []profile.ExportRecord
	var backups []string
	for _, p := range plans {
		recs = append(recs, profile.ExportRecord{Target: p.Target, Path: p.Path, Format: "whole-file"})
		if p.Old != nil {
			backups = append(backups, p.Path+".setupwiz-20261125T120000Z.bak")
		}
	}
	return recs, backups, nil
}

func testConfig(v *fakeVerifier) Config {
	return Config{
		Discoverer: fakeDiscoverer{exampleDiscovery()}, Verifier: v, Exporter: &fakeExporter{},
		Width: 80, Height: 24, Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
	}
}

// oauthDiscovery finds OAuth2 servers first (as an ISPDB entry for a
// domain hosted by Microsoft 365 would) and password servers after them.
func oauthDiscovery() discover.Result {
	res := exampleDiscovery()
	res.Provider, res.Winner = "Example 365", "ispdb"
	oauth := func(host string, port int) discover.Candidate {
		return discover.Candidate{Server: profile.Server{Host: host, Port: port, Security: profile.SecurityTLS, Auth: profile.AuthXOAuth2},
			Source: "ispdb", Trusted: true}
	}
	res.POP3 = append([]discover.Candidate{oauth("outlook.example.net", 995)}, res.POP3...)
	res.SMTP = append([]discover.Candidate{oauth("smtp.example.net", 587)}, res.SMTP...)
	return res
}

// fakeSignIn signs in with "Example ID" for servers that take OAuth2,
// counting the sign-ins; no address alone decides (byAddress aside).
type fakeSignIn struct {
	mu        sync.Mutex
	signIns   int
	byAddress bool
}

func (f *fakeSignIn) provider() profile.OAuthProvider {
	return profile.OAuthProvider{ID: "example", Name: "Example ID"}
}

func (f *fakeSignIn) OAuthProvider(p profile.Profile) (profile.OAuthProvider, bool) {
	return f.provider(), setup.NeedsSignIn(p)
}

func (f *fakeSignIn) SignInByAddress(string) (profile.OAuthProvider, bool) {
	return f.provider(), f.byAddress
}
func (f *fakeSignIn) DeviceSignIn(profile.Profile) bool { return false }
func (f *fakeSignIn) CanOpenBrowser() bool              { return true }
func (f *fakeSignIn) SignInPlaces() []profile.SecretKind {
	return []profile.SecretKind{profile.SecretPass}
}

func (f *fakeSignIn) SignIn(_ context.Context, _ profile.Profile, _ bool, show func(oauth.Prompt)) (setup.SignedIn, error) {
	show(oauth.Prompt{URL: "https://id.example.net/authorize", Browser: true})
	f.mu.Lock()
	f.signIns++
	f.mu.Unlock()
	return setup.SignedIn{OAuth: profile.OAuth{Provider: f.provider()}, Grant: oauth.Grant{AccessToken: "token"}}, nil
}

func (f *fakeSignIn) KeepSignIn(p profile.Profile, s setup.SignedIn, kind profile.SecretKind) (profile.Profile, error) {
	o := s.OAuth
	o.Token = profile.SecretRef{Kind: kind, Ref: "setupwiz/" + p.Name}
	p.OAuth = &o
	return p, nil
}

func (f *fakeSignIn) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.signIns
}
