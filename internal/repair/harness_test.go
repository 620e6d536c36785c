package repair_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/secrets"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

var fixedNow = time.Date(2026, 11, 25, 19, 0, 0, 0, time.UTC)

// fixture is a saved, exported, verified profile on a private Dovecot.
type fixture struct {
	srv   *mailtest.Server
	user  mailtest.User
	p     profile.Profile
	deps  repair.Deps
	home  string
	store profile.Store
}

// newFixture starts a private Dovecot, saves a profile for user whose CA is
// a copy of the harness CA (so ReplaceCertificate does not change what the
// profile trusts), exports mutt and fetchmail into home (fetchmail with the
// password inline, so a password change must rewrite it) and records the
// verification.
func newFixture(t *testing.T, short string) *fixture {
	t.Helper()
	keyring.MockInit()
	srv := mailtest.Start(t)
	f := &fixture{srv: srv, user: srv.User(short), home: t.TempDir()}
	f.store = profile.Store{Dir: filepath.Join(t.TempDir(), "setupwiz")}
	f.p = f.profile(t)
	f.deps = repair.Deps{
		Secrets: secrets.New(secrets.Config{}),
		Flow: &setup.Flow{Timeout: 20 * time.Second, Store: f.store,
			Placer: &exporters.Placer{Home: f.home, WorkDir: f.home, Now: func() time.Time { return fixedNow }}},
		Ports: f.ports(),
		Now:   func() time.Time { return fixedNow },
	}
	f.exportAndSave(t)
	return f
}

func (f *fixture) ports() map[verify.Service][]int {
	return map[verify.Service][]int{
		verify.ServicePOP3: {f.srv.POP3S, f.srv.POP3STLS},
		verify.ServiceSMTP: {f.srv.Submissions, f.srv.SubmissionSTARTTLS},
	}
}

func (f *fixture) profile(t *testing.T) profile.Profile {
	ca, err := os.ReadFile(f.srv.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	caCopy := filepath.Join(t.TempDir(), "profile-ca.pem")
	if err := os.WriteFile(caCopy, ca, 0o600); err != nil {
		t.Fatal(err)
	}
	p := profile.New(f.user.Email, "Test User")
	p.Incoming = profile.Server{Host: f.srv.Host, Port: f.srv.POP3S, Security: profile.SecurityTLS, Username: f.user.Login}
	p.Outgoing = profile.Server{Host: f.srv.Host, Port: f.srv.Submissions, Security: profile.SecurityTLS, Username: f.user.Login}
	p.Secret = profile.SecretRef{Kind: profile.SecretKeyring}
	p.TLS.CAFile = caCopy
	return p
}

func (f *fixture) password() profile.Password { return profile.NewPassword(f.user.Password) }

// exportAndSave writes the exports, verifies, and saves the profile as a wizard run would.
func (f *fixture) exportAndSave(t *testing.T) {
	t.Helper()
	pl := f.deps.Flow.Placer.(*exporters.Placer)
	var recs []profile.ExportRecord
	for _, e := range []struct {
		target string
		mode   exporters.SecretMode
	}{{exporters.TargetMutt, exporters.SecretsNone}, {exporters.TargetFetchmail, exporters.SecretsInline}} {
		plans, err := pl.Plan([]string{e.target}, f.p, exporters.Options{Secrets: e.mode, Password: f.password(), Now: pl.Now})
		if err != nil {
			t.Fatal(err)
		}
		r, _, err := pl.Apply(plans)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r...)
	}
	f.p.Exports = recs
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	if !d.OK {
		t.Fatalf("the fresh profile does not verify: %+v", d.Findings)
	}
	setup.RecordVerified(&f.p, f.check(t), fixedNow)
	if err := f.deps.Secrets.Set(f.p.Secret, f.p.Name, f.password()); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Save(f.p); err != nil {
		t.Fatal(err)
	}
}

// check verifies the fixture profile directly (to record its certificates).
func (f *fixture) check(t *testing.T) verify.Result {
	t.Helper()
	return verify.Check(context.Background(), verify.Options{Email: f.p.Email, Incoming: f.p.Incoming, Outgoing: f.p.Outgoing,
		Password: f.password(), Roots: f.srv.CAPool, Timeout: 20 * time.Second})
}

func (f *fixture) file(t *testing.T, target string) string {
	t.Helper()
	for _, r := range f.p.Exports {
		if r.Target == target {
			return r.Path
		}
	}
	t.Fatalf("no %s export", target)
	return ""
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// asker answers like a user would; it records what it was asked.
type asker struct {
	password      string
	acceptCert    bool
	overwrite     bool
	askedPassword int
	askedCert     []repair.Finding
	askedEdit     []repair.ExportState
}

func (a *asker) NewPassword(_ context.Context, _ profile.Profile, _ string) (profile.Password, error) {
	a.askedPassword++
	if a.password == "" {
		return profile.Password{}, errors.New("no answer")
	}
	return profile.NewPassword(a.password), nil
}

func (a *asker) AcceptCertificate(f repair.Finding) bool {
	a.askedCert = append(a.askedCert, f)
	return a.acceptCert
}

func (a *asker) OverwriteEdited(s repair.ExportState) bool {
	a.askedEdit = append(a.askedEdit, s)
	return a.overwrite
}

func causes(d repair.Diagnosis) map[verify.Service]repair.Cause {
	out := map[verify.Service]repair.Cause{}
	for _, f := range d.Findings {
		if _, seen := out[f.Service]; !seen {
			out[f.Service] = f.Cause
		}
	}
	return out
}

// stateOf returns the export state of target.
func stateOf(t *testing.T, states []repair.ExportState, target string) repair.ExportState {
	t.Helper()
	for _, s := range states {
		if s.Record.Target == target {
			return s
		}
	}
	t.Fatalf("no export state for %s in %+v", target, states)
	return repair.ExportState{}
}
