package setup_test

import (
	"path/filepath"
	"testing"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// TestPlanRecordedFindsWhereTheFileWent: a file exported into the real
// place, into an --out folder, or into the working directory of that run is
// planned again into that very file; one setupwiz would not write there any
// more is refused with the reason.
func TestPlanRecordedFindsWhereTheFileWent(t *testing.T) {
	home, out, work := t.TempDir(), t.TempDir(), t.TempDir()
	p := profile.New("jane@example.org", "Jane")
	f := &setup.Flow{Placer: &exporters.Placer{Home: home, WorkDir: t.TempDir()}}
	for _, rec := range []profile.ExportRecord{
		{Target: exporters.TargetMutt, Path: filepath.Join(home, ".muttrc"), Format: "managed-block"},
		{Target: exporters.TargetMutt, Path: filepath.Join(out, "muttrc"), Format: "whole-file"},
		{Target: exporters.TargetThunderbird, Path: filepath.Join(out, "thunderbird", "user.js"), Format: "user.js"},
		{Target: exporters.TargetMobileConfig, Path: filepath.Join(work, p.Name+".mobileconfig"), Format: "whole-file"},
	} {
		plan, err := f.PlanRecorded(rec, p, exporters.Options{})
		if err != nil || plan.Path != rec.Path || plan.Target != rec.Target {
			t.Errorf("%s: planned %q (%v), want it again", rec.Path, plan.Path, err)
		}
	}
	moved := profile.ExportRecord{Target: exporters.TargetMutt, Path: filepath.Join(out, "sub", "mutt.conf")}
	if _, err := f.PlanRecorded(moved, p, exporters.Options{}); err == nil {
		t.Errorf("%s was planned again, though setupwiz never writes mutt there", moved.Path)
	}
}
