package repair_test

import (
	"context"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// scripted answers every check with the same POP3 failure and every probe
// with "nothing listens": for causes a real Dovecot will not produce
// (provider policy texts, busy servers, protocol breakage).
type scripted struct{ err *verify.Error }

func (s scripted) Check(_ context.Context, o verify.Options) verify.Result {
	var r verify.Result
	if !o.Incoming.IsZero() {
		r.POP3 = &verify.ServiceResult{Service: verify.ServicePOP3, Server: o.Incoming, Error: s.err}
	}
	return r
}

func (scripted) DetectSecurity(_ context.Context, _ *verify.Options, svc verify.Service, host string, port int) (profile.Security, verify.ProbeResult) {
	return profile.SecurityTLS, verify.ProbeResult{Service: svc, Error: &verify.Error{Kind: verify.KindRefused}}
}

func TestClassification(t *testing.T) {
	tests := []struct {
		kind      verify.Kind
		cause     repair.Cause
		temporary bool
		needsUser bool
	}{
		{verify.KindAuthFailed, repair.CausePasswordChanged, false, true},
		{verify.KindAppPassword, repair.CauseProviderPolicy, false, true},
		{verify.KindAuthUnsupported, repair.CauseProviderPolicy, false, true},
		{verify.KindServerBusy, repair.CauseServerDown, true, false},
		{verify.KindRefused, repair.CauseServerDown, true, false},
		{verify.KindTimeout, repair.CauseServerDown, true, false},
		{verify.KindDNS, repair.CauseServerDown, true, false},
		{verify.KindProtocol, repair.CauseUnknown, false, false},
		{verify.KindTLSCertificate, repair.CauseCertificateChanged, false, true},
	}
	p := profile.New("jane@example.test", "")
	p.Outgoing = profile.Server{}
	p.Verified = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range tests {
		deps := repair.Deps{Verifier: scripted{&verify.Error{Kind: tc.kind, Service: verify.ServicePOP3, ServerText: "-ERR words"}}}
		d := repair.Diagnose(context.Background(), p, profile.NewPassword("x"), deps)
		if len(d.Findings) != 1 {
			t.Fatalf("%s: findings %+v", tc.kind, d.Findings)
		}
		f := d.Findings[0]
		if f.Cause != tc.cause || f.Temporary != tc.temporary || f.NeedsUser != tc.needsUser || f.Detail == "" || f.ServerSaid != "-ERR words" {
			t.Errorf("%s → %+v; want %s temporary=%v needs_user=%v", tc.kind, f, tc.cause, tc.temporary, tc.needsUser)
		}
		plan := d.Plan(p)
		if plan.Temporary != tc.temporary {
			t.Errorf("%s: plan temporary = %v", tc.kind, plan.Temporary)
		}
	}
}

// TestNeverVerifiedIsNotTemporary: an imported profile whose server does not
// answer anywhere may just be wrong; calling it temporary would hide that.
func TestNeverVerifiedIsNotTemporary(t *testing.T) {
	p := profile.New("jane@example.test", "")
	p.Outgoing = profile.Server{}
	deps := repair.Deps{Verifier: scripted{&verify.Error{Kind: verify.KindRefused, Service: verify.ServicePOP3}}}
	d := repair.Diagnose(context.Background(), p, profile.NewPassword("x"), deps)
	if len(d.Findings) != 1 || d.Findings[0].Temporary || d.Findings[0].Cause != repair.CauseUnknown || !d.Findings[0].NeedsUser {
		t.Fatalf("findings %+v: want one non-temporary unknown cause that needs the user", d.Findings)
	}
	if plan := d.Plan(p); plan.Temporary || len(plan.UserAction) != 1 {
		t.Errorf("plan %+v: want the finding as a user action", plan)
	}
}

func TestPlanNeverMovesToCleartextWithoutConsent(t *testing.T) {
	p := profile.New("jane@example.test", "")
	p.Outgoing = profile.Server{}
	p.Verified = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	deps := repair.Deps{Verifier: plaintextOnly{}}
	d := repair.Diagnose(context.Background(), p, profile.NewPassword("x"), deps)
	if len(d.Findings) != 1 || d.Findings[0].Fix != nil || d.Findings[0].Cause != repair.CauseServerDown {
		t.Errorf("findings %+v: a cleartext-only port must not become the fix", d.Findings)
	}
}

// plaintextOnly: the configured port refuses; another port answers in cleartext only.
type plaintextOnly struct{}

func (plaintextOnly) Check(_ context.Context, o verify.Options) verify.Result {
	ok := o.Incoming.Security == profile.SecurityNone
	sr := &verify.ServiceResult{Service: verify.ServicePOP3, Server: o.Incoming, OK: ok}
	if !ok {
		sr.Error = &verify.Error{Kind: verify.KindRefused}
	}
	return verify.Result{POP3: sr}
}

func (plaintextOnly) DetectSecurity(_ context.Context, _ *verify.Options, svc verify.Service, host string, port int) (profile.Security, verify.ProbeResult) {
	return profile.SecurityNone, verify.ProbeResult{Service: svc, OK: true}
}
