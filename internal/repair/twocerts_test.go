package repair_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// twoCerts: POP3 and SMTP live on different hosts and both replaced their
// certificates (the harness has one certificate for both, so this is
// scripted). A service passes once its certificate is pinned.
type twoCerts struct{ pop, smtp string }

func (c twoCerts) Check(_ context.Context, o verify.Options) verify.Result {
	var r verify.Result
	if !o.Incoming.IsZero() {
		r.POP3 = c.result(verify.ServicePOP3, o.Incoming, c.pop, o.PinSHA256)
	}
	if !o.Outgoing.IsZero() {
		r.SMTP = c.result(verify.ServiceSMTP, o.Outgoing, c.smtp, o.PinSHA256)
	}
	return r
}

func (twoCerts) result(svc verify.Service, s profile.Server, fp string, pins []string) *verify.ServiceResult {
	sr := &verify.ServiceResult{Service: svc, Server: s, OK: slices.Contains(pins, fp)}
	if !sr.OK {
		sr.Error = &verify.Error{Kind: verify.KindTLSCertificate, Service: svc, Cert: &verify.CertInfo{SHA256: fp, Problem: "unknown authority"}}
	}
	return sr
}

func (twoCerts) DetectSecurity(_ context.Context, _ *verify.Options, svc verify.Service, _ string, _ int) (profile.Security, verify.ProbeResult) {
	return profile.SecurityTLS, verify.ProbeResult{Service: svc}
}

func TestTwoNewCertificatesAreBothAsked(t *testing.T) {
	p := profile.New("jane@example.test", "")
	p.Incoming = profile.Server{Host: "pop.example.test", Port: 995, Security: profile.SecurityTLS, Username: "jane"}
	p.Outgoing = profile.Server{Host: "smtp.example.test", Port: 465, Security: profile.SecurityTLS, Username: "jane"}
	p.TLS.SeenSHA256 = []string{"OLD:POP", "OLD:SMTP"}
	deps := repair.Deps{Verifier: twoCerts{pop: "NEW:POP", smtp: "NEW:SMTP"}}
	d := repair.Diagnose(context.Background(), p, profile.NewPassword("x"), deps)
	plan := d.Plan(p)
	if len(plan.Certificates) != 2 {
		t.Fatalf("plan certificates %+v: want both new certificates", plan.Certificates)
	}
	ask := &asker{acceptCert: true}
	out, err := repair.Apply(context.Background(), plan, profile.NewPassword("x"), deps, ask)
	if err != nil {
		t.Fatal(err)
	}
	pins := out.Profile.TLS.PinnedSHA256
	if len(ask.askedCert) != 2 || !slices.Contains(pins, "NEW:POP") || !slices.Contains(pins, "NEW:SMTP") {
		t.Errorf("asked %d times, pins %v: want both new certificates asked and pinned", len(ask.askedCert), pins)
	}
}

// TestSameCertificateNoLongerTrusted: the fingerprint is the one seen at the
// last verification, so the words must not claim a new certificate.
func TestSameCertificateNoLongerTrusted(t *testing.T) {
	p := profile.New("jane@example.test", "")
	p.Outgoing = profile.Server{}
	p.TLS.SeenSHA256 = []string{"SAME:FP"}
	deps := repair.Deps{Verifier: twoCerts{pop: "SAME:FP"}}
	d := repair.Diagnose(context.Background(), p, profile.NewPassword("x"), deps)
	if len(d.Findings) != 1 || !strings.Contains(d.Findings[0].Detail, "same certificate") || strings.Contains(d.Findings[0].Detail, "announced a new") {
		t.Errorf("findings %+v: want 'the same certificate … no longer trusted'", d.Findings)
	}
}
