package setup

import (
	"fmt"
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// PlanRecorded plans the file of rec again for p, writing nothing: the same
// target into the same file, wherever the export placed it (each program's
// own file, an --out folder, or the working directory of that run). Apply
// writes it, with what goes with it. The error says why the file cannot be
// written there any more.
func (f *Flow) PlanRecorded(rec profile.ExportRecord, p profile.Profile, o exporters.Options) (exporters.Plan, error) {
	if f.Placer == nil {
		return exporters.Plan{}, errNoPlacer
	}
	o, p = f.defaults(o), f.withPinnedFile(p)
	var firstErr error
	for _, pl := range recordedPlacers(f.Placer, rec) {
		plans, err := pl.Plan([]string{rec.Target}, p, o)
		if err == nil && len(plans) == 1 && plans[0].Path == rec.Path {
			return plans[0], f.rememberSides(p, plans, nil)
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return exporters.Plan{}, firstErr
	}
	return exporters.Plan{}, fmt.Errorf("setupwiz would no longer write %s to %s: export it again with setupwiz export", rec.Target, rec.Path)
}

// recordedPlacers are the placements that may have written rec: the real
// locations (for prefs.js, in the Thunderbird profile it is in), an --out
// folder (rec's own, or its parent for thunderbird/user.js), or the
// working directory of that run. A Placer of another kind is only itself.
func recordedPlacers(base Placer, rec profile.ExportRecord) []Placer {
	pl, ok := base.(*exporters.Placer)
	if !ok {
		return []Placer{base}
	}
	dir := filepath.Dir(rec.Path)
	variants := []exporters.Placer{*pl, *pl, *pl, *pl}
	variants[1].OutDir = dir
	variants[2].OutDir = filepath.Dir(dir)
	variants[3].WorkDir = dir
	if rec.Format == "prefs.js" {
		variants[0].ThunderbirdProfile = dir
	}
	out := make([]Placer, len(variants))
	for i := range variants {
		out[i] = &variants[i]
	}
	return out
}
