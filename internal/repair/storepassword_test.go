package repair_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// TestStorePasswordKeepsAWorkingPassword is the keyring entry that went
// missing: the password the user typed works, so Apply stores it, changes
// no file, and notes it in the history.
func TestStorePasswordKeepsAWorkingPassword(t *testing.T) {
	f := newFixture(t, "alice")
	if err := keyring.Delete(secrets.ServiceName, f.p.Name); err != nil {
		t.Fatal(err)
	}
	d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps)
	plan := d.Plan(f.p)
	if !d.OK || !plan.Empty() {
		t.Fatalf("diagnosis %+v, plan %+v: want OK and nothing to do", d.Findings, plan)
	}
	plan.StorePassword = true
	out, err := repair.Apply(context.Background(), plan, f.password(), f.deps, &asker{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := keyring.Get(secrets.ServiceName, f.p.Name); v != f.user.Password {
		t.Errorf("keyring holds %q, want the working password", v)
	}
	if len(out.Files) != 0 || !out.Saved || !strings.Contains(strings.Join(out.Changes, ";"), "stored in the system keyring") {
		t.Errorf("outcome = %+v: want the password stored, no file touched, the profile saved", out)
	}
}

// TestStorePasswordNeverStoresARejectedPassword: a wrong password is not kept.
func TestStorePasswordNeverStoresARejectedPassword(t *testing.T) {
	f := newFixture(t, "alice")
	if err := keyring.Delete(secrets.ServiceName, f.p.Name); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, f)
	plan := repair.Plan{Profile: f.p, StorePassword: true}
	if _, err := repair.Apply(context.Background(), plan, profile.NewPassword("wrong"), f.deps, &asker{}); err == nil {
		t.Fatal("Apply stored a password the server rejects")
	}
	if v, err := keyring.Get(secrets.ServiceName, f.p.Name); err == nil {
		t.Errorf("keyring holds %q after a rejected password", v)
	}
	before.assertUnchanged(t, f)
}
