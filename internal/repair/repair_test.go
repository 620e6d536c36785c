package repair_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/secrets"
	"github.com/setupwiz/setupwiz/internal/verify"
)

func TestPasswordChanged(t *testing.T) {
	f := newFixture(t, "alice")
	f.srv.SetPassword(t, f.user.Login, "brand-new-pass")
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	c := causes(d)
	if d.OK || c[verify.ServicePOP3] != repair.CausePasswordChanged || c[verify.ServiceSMTP] != repair.CausePasswordChanged {
		t.Fatalf("causes = %v, want password_changed for both: %+v", c, d.Findings)
	}
	plan := d.Plan(f.p)
	if !plan.NeedPassword || len(plan.Changes) != 0 {
		t.Fatalf("plan = %+v, want only a new password", plan)
	}
	ask := &asker{password: "brand-new-pass"}
	later := fixedNow.Add(time.Hour)
	f.deps.Now = func() time.Time { return later }
	out, err := repair.Apply(context.Background(), plan, f.password(), f.deps, ask)
	if err != nil {
		t.Fatal(err)
	}
	if ask.askedPassword != 1 || !out.Saved {
		t.Errorf("asked %d times, saved %v", ask.askedPassword, out.Saved)
	}
	if v, _ := keyring.Get(secrets.ServiceName, f.p.Name); v != "brand-new-pass" {
		t.Errorf("keyring holds %q, want the new password", v)
	}
	rc := readFile(t, f.file(t, "fetchmail"))
	if !strings.Contains(rc, `"brand-new-pass"`) || strings.Contains(rc, f.user.Password) {
		t.Errorf("fetchmailrc (inline password) was not rewritten with the new password:\n%s", rc)
	}
	if want := "Verified against the live servers on " + later.Format("2006-01-02 15:04 UTC"); !strings.Contains(rc, want) {
		t.Errorf("the rewritten fetchmailrc does not say %q (the repair's own verification):\n%s", want, rc)
	}
	saved, err := f.store.Load(f.p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(saved.History); n == 0 || !strings.Contains(saved.History[n-1].Summary, "password") {
		t.Errorf("history = %+v, want an entry about the password", saved.History)
	}
	for _, rec := range saved.Exports {
		if rec.Target == "fetchmail" && rec.Checksum == f.p.Exports[1].Checksum && f.p.Exports[1].Target == "fetchmail" {
			t.Error("the fetchmail export record was not updated")
		}
	}
	if d := repair.Diagnose(context.Background(), saved, profile.NewPassword("brand-new-pass"), f.deps); !d.OK {
		t.Errorf("after repair: %+v", d.Findings)
	}
}

func TestPasswordChangedWithoutAnswerChangesNothing(t *testing.T) {
	f := newFixture(t, "alice")
	before := snapshot(t, f)
	f.srv.SetPassword(t, f.user.Login, "brand-new-pass")
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	if _, err := repair.Apply(context.Background(), d.Plan(f.p), f.password(), f.deps, &asker{}); err == nil {
		t.Fatal("Apply without a new password succeeded")
	}
	before.assertUnchanged(t, f)
}

func TestPOP3SMoved(t *testing.T) {
	f := newFixture(t, "alice")
	muttBefore := readFile(t, f.file(t, "mutt"))
	newPort := f.srv.MovePOP3S(t)
	f.deps.Ports = f.ports() // the scan list of this machine's harness: the new port, then STLS
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	if c := causes(d); c[verify.ServicePOP3] != repair.CausePortBlocked || len(d.Findings) != 1 {
		t.Fatalf("findings = %+v, want only pop3 port_blocked", d.Findings)
	}
	fix := d.Findings[0].Fix
	if fix == nil || fix.Port != newPort || fix.Security != profile.SecurityTLS || fix.Host != f.p.Incoming.Host {
		t.Fatalf("fix = %+v, want %s:%d tls", fix, f.p.Incoming.Host, newPort)
	}
	out, err := repair.Apply(context.Background(), d.Plan(f.p), f.password(), f.deps, &asker{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Profile.Incoming.Port != newPort {
		t.Errorf("repaired profile port = %d", out.Profile.Incoming.Port)
	}
	mutt := readFile(t, f.file(t, "mutt"))
	if mutt == muttBefore || !strings.Contains(mutt, ":"+strconv.Itoa(newPort)) {
		t.Errorf("muttrc does not name the new port %d:\n%s", newPort, mutt)
	}
	if rc := readFile(t, f.file(t, "fetchmail")); !strings.Contains(rc, "service "+strconv.Itoa(newPort)) {
		t.Errorf("fetchmailrc does not name the new port:\n%s", rc)
	}
	for _, fc := range out.Files {
		if fc.Diff == "" || fc.Backup == "" {
			t.Errorf("file change %+v: want a diff and a backup", fc)
		}
	}
}

func TestCertificateReplaced(t *testing.T) {
	f := newFixture(t, "alice")
	oldFP, newFP := f.srv.ReplaceCertificate(t)
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	if len(d.Findings) != 2 {
		t.Fatalf("findings = %+v, want certificate_changed for both services", d.Findings)
	}
	for _, fd := range d.Findings {
		if fd.Cause != repair.CauseCertificateChanged || fd.NewSHA256 != newFP || len(fd.OldSHA256) != 1 || fd.OldSHA256[0] != oldFP {
			t.Errorf("%s: cause %s old %v new %s; want certificate_changed %s → %s", fd.Service, fd.Cause, fd.OldSHA256, fd.NewSHA256, oldFP, newFP)
		}
		if fd.OldCert == nil || fd.OldCert.SHA256 != oldFP || fd.NewCert == nil || fd.NewCert.SHA256 != newFP || fd.OldCert.Issuer == "" {
			t.Errorf("%s: the finding does not describe both certificates: old %+v new %+v", fd.Service, fd.OldCert, fd.NewCert)
		}
	}
	before := snapshot(t, f)
	if _, err := repair.Apply(context.Background(), d.Plan(f.p), f.password(), f.deps, &asker{acceptCert: false}); err == nil {
		t.Error("Apply succeeded although the new certificate was refused")
	}
	before.assertUnchanged(t, f)
	ask := &asker{acceptCert: true}
	out, err := repair.Apply(context.Background(), d.Plan(f.p), f.password(), f.deps, ask)
	if err != nil {
		t.Fatal(err)
	}
	if len(ask.askedCert) != 1 || !contains(out.Profile.TLS.PinnedSHA256, newFP) || contains(out.Profile.TLS.PinnedSHA256, oldFP) {
		t.Errorf("asked %d times; pins now %v; want only %s", len(ask.askedCert), out.Profile.TLS.PinnedSHA256, newFP)
	}
	if out.Profile.TLS.PinnedCert == "" {
		t.Error("the accepted certificate is not kept for the files")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestServerStoppedIsTemporary(t *testing.T) {
	f := newFixture(t, "alice")
	before := snapshot(t, f)
	f.srv.Stop(t)
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	if !d.Temporary() || len(d.Findings) != 2 {
		t.Fatalf("findings = %+v, want server_down (temporary) for both", d.Findings)
	}
	for _, fd := range d.Findings {
		if fd.Cause != repair.CauseServerDown || !strings.Contains(fd.Detail, "temporary") {
			t.Errorf("%s: %s %q", fd.Service, fd.Cause, fd.Detail)
		}
	}
	plan := d.Plan(f.p)
	out, err := repair.Apply(context.Background(), plan, f.password(), f.deps, &asker{})
	if err != nil || out.Saved || !plan.Temporary {
		t.Errorf("Apply = %+v, %v; want nothing done", out, err)
	}
	before.assertUnchanged(t, f)
}

func TestUsernameForm(t *testing.T) {
	f := newFixture(t, "erin")
	p := f.p
	p.Incoming.Username, p.Outgoing.Username = f.user.Email, f.user.Email // erin logs in as "erin"
	d := repair.Diagnose(context.Background(), p, f.password(), f.deps)
	c := causes(d)
	if c[verify.ServicePOP3] != repair.CauseUsernameForm || c[verify.ServiceSMTP] != repair.CauseUsernameForm {
		t.Fatalf("findings = %+v, want username_form", d.Findings)
	}
	out, err := repair.Apply(context.Background(), d.Plan(p), f.password(), f.deps, &asker{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Profile.Incoming.Username != "erin" || out.Profile.Outgoing.Username != "erin" {
		t.Errorf("usernames now %q / %q, want erin", out.Profile.Incoming.Username, out.Profile.Outgoing.Username)
	}
}

// stubDiscoverer says the POP3 server is now at addr.
type stubDiscoverer struct{ pop profile.Server }

func (s stubDiscoverer) Discover(context.Context, string) ([]profile.Server, []profile.Server, error) {
	return []profile.Server{s.pop}, nil, nil
}

func TestServerMoved(t *testing.T) {
	f := newFixture(t, "alice")
	p := f.p
	p.Incoming.Port = closedPort(t) // the old server is gone
	f.deps.Ports = map[verify.Service][]int{verify.ServicePOP3: {p.Incoming.Port}}
	moved := profile.Server{Host: "localhost", Port: f.srv.POP3S, Security: profile.SecurityTLS}
	f.deps.Discoverer = stubDiscoverer{pop: moved}
	d := repair.Diagnose(context.Background(), p, f.password(), f.deps)
	if c := causes(d); c[verify.ServicePOP3] != repair.CauseServerMoved {
		t.Fatalf("findings = %+v, want server_moved", d.Findings)
	}
	if fix := d.Findings[0].Fix; fix.Host != "localhost" || fix.Username != p.Incoming.Username {
		t.Errorf("fix = %+v", fix)
	}
}
