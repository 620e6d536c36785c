package setup

import (
	"bytes"
	"errors"
	"regexp"
	"slices"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// errNoPlacer: the flow was built without a place to write to.
var errNoPlacer = errors.New("setupwiz was started without a place to write files to")

// Plan says what writing targets for p would do, writing nothing.
func (f *Flow) Plan(targets []string, p profile.Profile, o exporters.Options) ([]exporters.Plan, error) {
	if f.Placer == nil {
		return nil, errNoPlacer
	}
	o = f.defaults(o)
	skip := CannotExport(p)
	for _, t := range targets {
		if skip[t] != "" {
			return nil, errors.New(skip[t])
		}
	}
	p = f.withPinnedFile(p)
	plans, err := f.Placer.Plan(targets, p, o)
	if err == nil {
		err = f.rememberSides(p, plans, nil)
	}
	return plans, err
}

// defaults fills in the flow's clock and the path of setupwiz for the exporters.
func (f *Flow) defaults(o exporters.Options) exporters.Options {
	if o.Now == nil {
		o.Now = f.Now
	}
	if o.Self == "" {
		o.Self = f.OAuth.Self
	}
	return o
}

// Apply writes plans (each file atomically, with a backup of what it
// replaces), then what goes with them (Sides), and returns the records of
// the exports written and every backup made.
func (f *Flow) Apply(plans []exporters.Plan) ([]profile.ExportRecord, []string, error) {
	if f.Placer == nil {
		return nil, nil, errNoPlacer
	}
	recs, backups, err := f.Placer.Apply(plans)
	if err != nil {
		return recs, backups, err
	}
	more, err := f.applySides(f.Sides(plans))
	return recs, append(backups, more...), err
}

// MergeRecords keeps the old records that fresh does not replace (same
// target, same file), then fresh.
func MergeRecords(old, fresh []profile.ExportRecord) []profile.ExportRecord {
	var out []profile.ExportRecord
	for _, r := range old {
		if !slices.ContainsFunc(fresh, func(n profile.ExportRecord) bool { return n.Target == r.Target && n.Path == r.Path }) {
			out = append(out, r)
		}
	}
	return append(out, fresh...)
}

// stamp matches the times setupwiz writes into a file's header ("written by
// setupwiz on 2026-11-25 12:00 UTC", "verified … on …", the Apple profile's date).
var stamp = regexp.MustCompile(`\d{4}-\d{2}-\d{2}( \d{2}:\d{2} UTC)?`)

// OnlyTimesChange reports whether writing plan would change nothing in an
// existing file but those times: such a file is left as it is.
func OnlyTimesChange(plan exporters.Plan) bool {
	return plan.Old != nil && bytes.Equal(stamp.ReplaceAll(plan.Old, nil), stamp.ReplaceAll(plan.New, nil))
}
