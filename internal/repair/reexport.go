package repair

import (
	"fmt"
	"os"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// Verdict is what re-exporting does (or did) to one recorded file.
type Verdict string

const (
	VerdictUnchanged Verdict = "unchanged" // only the header's times would change: the file stays as it is
	VerdictRewrite   Verdict = "rewrite"   // its content changes: rewritten, with a backup
	VerdictEdited    Verdict = "edited"    // setupwiz's part was edited by hand: rewritten only when confirmed
	VerdictLeft      Verdict = "left"      // cannot be rewritten now (Skipped says why)
)

// FileChange is what re-exporting does to one file.
type FileChange struct {
	Target  string  `json:"target"`
	Path    string  `json:"path"`
	Verdict Verdict `json:"verdict"`
	Diff    string  `json:"diff,omitempty"`
	Backup  string  `json:"backup,omitempty"`
	Skipped string  `json:"skipped,omitempty"` // why the file was left alone
	// Link says that Path is a symbolic link and which file is written
	// through it (exporters.Plan.LinkNote); "" otherwise.
	Link string `json:"link,omitempty"`
}

// Reexport rewrites every earlier export of p (same target, same file)
// whose content changes apart from the header's times, through setup (which
// finds where each was placed, and writes atomically, with backups, into
// managed blocks). A file
// whose setupwiz part was edited by hand is rewritten only when
// ask.OverwriteEdited agrees; otherwise it is reported and its record kept.
// It returns the new export records.
func Reexport(p profile.Profile, pw profile.Password, deps Deps, ask Asker) ([]profile.ExportRecord, []FileChange, error) {
	var records []profile.ExportRecord
	var files []FileChange
	var firstErr error
	for _, rec := range p.Exports {
		newRec, fc, err := reexportOne(p, rec, pw, deps, ask)
		records = append(records, newRec)
		files = append(files, fc)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return records, files, firstErr
}

// Preview says, for every recorded export of p, what Reexport would do with
// pw, writing nothing and asking nothing: the plan lists each file with
// its verdict. needPassword says a new password is still to come, so files
// holding the password will be rewritten.
func Preview(p profile.Profile, pw profile.Password, needPassword bool, deps Deps) []FileChange {
	files := make([]FileChange, 0, len(p.Exports))
	for _, rec := range p.Exports {
		fc, _ := planOne(p, rec, pw, deps)
		if needPassword && rec.Secrets == string(exporters.SecretsInline) && fc.Verdict != VerdictEdited {
			fc = FileChange{Target: rec.Target, Path: rec.Path, Verdict: VerdictRewrite, Link: fc.Link}
		}
		files = append(files, fc)
	}
	return files
}

// reexportOne rewrites one file, or explains why not; on any failure the old record stays.
func reexportOne(p profile.Profile, rec profile.ExportRecord, pw profile.Password, deps Deps, ask Asker) (profile.ExportRecord, FileChange, error) {
	fc, plan := planOne(p, rec, pw, deps)
	if fc.Verdict == VerdictEdited {
		if ask == nil || !ask.OverwriteEdited(checkExport(p.Name, rec)) {
			fc.Verdict, fc.Skipped = VerdictLeft, fc.Skipped+" (left alone: confirm or use --force to rewrite it)"
			return rec, fc, nil
		}
		if fc, plan = planEdited(p, rec, pw, deps); fc.Verdict == VerdictLeft {
			return rec, fc, nil
		}
	}
	if fc.Verdict != VerdictRewrite {
		return rec, fc, nil
	}
	recs, backups, err := deps.flow().Apply([]exporters.Plan{plan})
	if len(backups) > 0 {
		fc.Backup = backups[0]
	}
	if err != nil || len(recs) != 1 {
		return rec, fc, fmt.Errorf("rewriting %s: %w", rec.Path, err)
	}
	return recs[0], fc, nil
}

// planOne decides what to do with one recorded file: edited by hand (ask
// first), left alone (why), unchanged, or rewritten with this plan.
func planOne(p profile.Profile, rec profile.ExportRecord, pw profile.Password, deps Deps) (FileChange, exporters.Plan) {
	if st := checkExport(p.Name, rec); st.NeedsConfirmation() {
		return FileChange{Target: rec.Target, Path: rec.Path, Verdict: VerdictEdited, Skipped: st.Detail}, exporters.Plan{}
	}
	return planEdited(p, rec, pw, deps)
}

// planEdited plans rec's file again, hand edits or not.
func planEdited(p profile.Profile, rec profile.ExportRecord, pw profile.Password, deps Deps) (FileChange, exporters.Plan) {
	fc := FileChange{Target: rec.Target, Path: rec.Path, Verdict: VerdictLeft}
	opts, why := exportOptions(p, rec, pw, deps)
	if why == "" && rec.Target == exporters.TargetMobileConfig && isSigned(rec.Path) {
		why = "it was signed, and repair has no signing key: export it again with setupwiz export --format mobileconfig --sign-cert … --sign-key …"
	}
	if why != "" {
		fc.Skipped = why
		return fc, exporters.Plan{}
	}
	plan, err := deps.flow().PlanRecorded(rec, p, opts)
	if err != nil {
		fc.Skipped = err.Error()
		return fc, exporters.Plan{}
	}
	fc.Link = plan.LinkNote()
	if setup.OnlyTimesChange(plan) {
		fc.Verdict = VerdictUnchanged
		return fc, plan
	}
	fc.Verdict, fc.Diff = VerdictRewrite, plan.Diff
	return fc, plan
}

// isSigned reports whether the file is a CMS (DER) signed profile rather than a plain XML plist.
func isSigned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var first [1]byte
	_, err = f.Read(first[:])
	return err == nil && first[0] == 0x30
}

// exportOptions rebuilds the options of the earlier export; why is set when that is impossible.
func exportOptions(p profile.Profile, rec profile.ExportRecord, pw profile.Password, deps Deps) (exporters.Options, string) {
	o := exporters.Options{Secrets: exporters.SecretMode(rec.Secrets), Now: deps.Now, Self: deps.flow().OAuth.Self}
	switch o.Secrets {
	case exporters.SecretsInline:
		if pw.IsEmpty() {
			return o, "it holds the password inline and no password is known now"
		}
		o.Password = pw
	case exporters.SecretsCommand:
		o.Command = passwordCommand(p.Secret)
		if o.Command == "" {
			return o, "it runs a password command, and the profile's secret (" + string(p.Secret.Kind) + ") gives none"
		}
	}
	return o, ""
}

// passwordCommand is the shell command that prints the password for ref, if there is one.
func passwordCommand(ref profile.SecretRef) string {
	switch ref.Kind {
	case profile.SecretCommand:
		return ref.Ref
	case profile.SecretPass:
		return "pass show " + shellQuote(ref.Ref)
	}
	return ""
}

func shellQuote(s string) string {
	out := "'"
	for _, c := range s {
		if c == '\'' {
			out += `'\''`
		} else {
			out += string(c)
		}
	}
	return out + "'"
}
