package repair_test

import (
	"context"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
)

// TestStaleInlinePasswordIsRewritten: the password changed and the user
// types the new one (a profile that asks each time): both services work, but
// the fetchmailrc still holds the old password, so repair must rewrite it.
func TestStaleInlinePasswordIsRewritten(t *testing.T) {
	f := newFixture(t, "alice")
	if d := repair.Diagnose(context.Background(), f.p, f.password(), f.deps); d.Broken() ||
		stateOf(t, d.Exports, "fetchmail").Status != repair.ExportClean {
		t.Fatalf("with the password the file holds: broken=%v exports %+v", d.Broken(), d.Exports)
	}
	f.srv.SetPassword(t, f.user.Login, "typed-afresh")
	newPW := profile.NewPassword("typed-afresh")
	d := repair.Diagnose(context.Background(), f.p, newPW, f.deps)
	if st := stateOf(t, d.Exports, "fetchmail"); !d.OK || !d.Broken() || st.Status != repair.ExportStalePassword {
		t.Fatalf("ok=%v broken=%v fetchmail %+v: want working services and a stale file", d.OK, d.Broken(), st)
	}
	if st := stateOf(t, d.Exports, "mutt"); st.Status != repair.ExportClean {
		t.Errorf("mutt (no password in the file) = %+v, want clean", st)
	}
	plan := d.Plan(f.p)
	if !plan.Reexport || plan.Empty() {
		t.Fatalf("plan %+v: want the files rewritten", plan)
	}
	if _, err := repair.Apply(context.Background(), plan, newPW, f.deps, &asker{}); err != nil {
		t.Fatal(err)
	}
	if rc := readFile(t, f.file(t, "fetchmail")); !strings.Contains(rc, `"typed-afresh"`) || strings.Contains(rc, f.user.Password) {
		t.Errorf("fetchmailrc still holds the old password:\n%s", rc)
	}
}
