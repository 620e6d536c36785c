package repair_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// TestSignedMobileConfigIsNotReplacedUnsigned: repair has no signing key, so
// it must leave a signed profile alone rather than write an unsigned one.
func TestSignedMobileConfigIsNotReplacedUnsigned(t *testing.T) {
	signed, err := os.ReadFile("../importers/testdata/pop.signed.mobileconfig")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := profile.New("jane@example.test", "Jane")
	path := filepath.Join(dir, p.Name+".mobileconfig")
	if err := os.WriteFile(path, signed, 0o644); err != nil {
		t.Fatal(err)
	}
	p.Exports = []profile.ExportRecord{{Target: exporters.TargetMobileConfig, Path: path, Format: "whole-file",
		Checksum: exporters.Checksum(signed), Secrets: "none"}}
	deps := repair.Deps{Flow: &setup.Flow{Placer: &exporters.Placer{Home: dir, WorkDir: dir}}}
	recs, files, err := repair.Reexport(p, profile.Password{}, deps, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !strings.Contains(files[0].Skipped, "signed") || recs[0] != p.Exports[0] {
		t.Errorf("files %+v, records %+v: want the signed file skipped and its record kept", files, recs)
	}
	if now, _ := os.ReadFile(path); string(now) != string(signed) {
		t.Error("the signed profile was rewritten")
	}
}
