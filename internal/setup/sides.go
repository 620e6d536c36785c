package setup

import (
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// Side is one of setupwiz's own files that goes with an export: planned
// with it (Plan, PlanRecorded), shown with it (export --dry-run), written
// with it (Apply) the way an export is written.
type Side struct {
	Plan exporters.Plan
	// About says what the file is, for a person.
	About string
}

// sidesOf are the files that go with plan for p: the saved copy of the
// pinned certificates (fetchmail and a muttrc of its own name it), the
// exceptions that make Thunderbird accept them (cert_override.txt beside
// its settings), and mutt's own file of accepted certificates when the
// settings went into the user's muttrc (where certificate_file serves
// every account and stays as it is).
//
// retired are the fingerprints of certificates the account trusted before
// and its servers no longer show: they are taken out of mutt's file.
func sidesOf(p profile.Profile, plan exporters.Plan, retired []string) ([]Side, error) {
	var out []Side
	var errs []error
	add := func(path, about string, mode fs.FileMode, merge func([]byte) []byte) {
		sp, err := exporters.SidePlan(plan.Target, path, mode, merge)
		if err != nil {
			errs = append(errs, err)
			return
		}
		out = append(out, Side{Plan: sp, About: about})
	}
	if p.TLS.PinnedCertFile != "" {
		add(p.TLS.PinnedCertFile, "the saved copy of the pinned certificate", 0o600, exporters.Replace([]byte(p.TLS.PinnedCert)))
	}
	if lines := exporters.CertOverrides(p); plan.Target == exporters.TargetThunderbird && len(lines) > 0 {
		add(filepath.Join(filepath.Dir(plan.Path), exporters.CertOverrideFile), "Thunderbird's exception for the pinned certificate", 0o600,
			func(old []byte) []byte { return exporters.MergeCertOverrides(old, lines) })
	}
	if plan.CertificateFile != "" {
		add(plan.CertificateFile, "mutt's own file of accepted certificates, with the pinned certificate added", 0o600,
			exporters.AddCertificates(p.TLS.PinnedCert, retired...))
	}
	return out, errors.Join(errs...)
}

// rememberSides plans what goes with each plan and keeps it until it is
// applied; the error says which of those files cannot be written.
func (f *Flow) rememberSides(p profile.Profile, plans []exporters.Plan, retired []string) error {
	f.sideMu.Lock()
	defer f.sideMu.Unlock()
	if f.sides == nil {
		f.sides = map[string][]Side{}
	}
	var errs []error
	for _, pl := range plans {
		sides, err := sidesOf(p, pl, retired)
		f.sides[pl.Path], errs = sides, append(errs, err)
	}
	return errors.Join(errs...)
}

// Sides are the files that go with plans, as planned with them, each once.
func (f *Flow) Sides(plans []exporters.Plan) []Side {
	f.sideMu.Lock()
	defer f.sideMu.Unlock()
	var out []Side
	seen := map[string]bool{}
	for _, pl := range plans {
		for _, s := range f.sides[pl.Path] {
			if !seen[s.Plan.Path] {
				seen[s.Plan.Path] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// applySides writes sides as exports are written (lock, merge again,
// backup, atomic); it returns the backups made.
func (f *Flow) applySides(sides []Side) ([]string, error) {
	plans := make([]exporters.Plan, len(sides))
	for i, s := range sides {
		plans[i] = s.Plan
	}
	_, backups, err := f.Placer.Apply(plans)
	return backups, err
}

// WriteSides writes what goes with the recorded files of p, as Apply does
// with what it writes: for repair, which rewrites only the files whose
// content changes (a newly pinned certificate must reach the others too).
// retired are the fingerprints of certificates the servers no longer show,
// taken out where setupwiz added them (mutt's file of accepted certificates).
func (f *Flow) WriteSides(p profile.Profile, recs []profile.ExportRecord, retired []string) error {
	switch {
	case len(recs) == 0:
		return nil
	case f.Placer == nil:
		return errNoPlacer
	}
	var plans []exporters.Plan
	var errs []error
	for _, rec := range recs {
		plan, err := f.PlanRecorded(rec, p, exporters.Options{})
		q := p
		if err != nil { // the file itself is not written again either; its certificate copy and exceptions are
			plan, q = exporters.Plan{Target: rec.Target, Path: rec.Path}, f.withPinnedFile(p)
		}
		errs = append(errs, f.rememberSides(q, []exporters.Plan{plan}, retired))
		plans = append(plans, plan)
	}
	_, err := f.applySides(f.Sides(plans))
	return errors.Join(append(errs, err)...)
}
