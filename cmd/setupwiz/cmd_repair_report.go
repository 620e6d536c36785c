package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
)

var causeWords = map[repair.Cause]string{
	repair.CausePasswordChanged:    "password changed",
	repair.CauseUsernameForm:       "username form",
	repair.CauseServerMoved:        "server moved",
	repair.CausePortBlocked:        "port blocked",
	repair.CauseCertificateChanged: "certificate changed",
	repair.CauseProviderPolicy:     "provider policy",
	repair.CauseServerDown:         "server down (temporary)",
	repair.CauseUnknown:            "cannot tell",
	repair.CauseSignInAgain:        "sign in again",
}

// writeDiagnosis prints what was found, one block per service, then the exports.
func writeDiagnosis(w io.Writer, d repair.Diagnosis) {
	if d.OK {
		fmt.Fprintln(w, "✓ POP3 and SMTP both work with the saved settings.")
	}
	shown := map[string]verify.Service{} // certificates already compared, by fingerprint
	for _, f := range d.Findings {
		termtext.Fprintf(w, "✗ %s: %s\n", strings.ToUpper(string(f.Service)), causeWords[f.Cause])
		if svc, seen := shown[f.NewSHA256]; seen && f.Cause == repair.CauseCertificateChanged {
			fmt.Fprintf(w, "    the same certificate as %s, above\n", strings.ToUpper(string(svc)))
			continue
		}
		wrapHanging(w, "    ", f.Detail)
		if f.ServerSaid != "" {
			wrapHanging(w, "    the server said: ", fmt.Sprintf("%q", f.ServerSaid))
		}
		if f.Cause == repair.CauseCertificateChanged {
			writeCertChange(w, f)
			shown[f.NewSHA256] = f.Service
		}
	}
	writeExportStates(w, d.Exports)
}

func writeExportStates(w io.Writer, states []repair.ExportState) {
	for _, s := range states {
		if s.Status == repair.ExportClean {
			continue
		}
		wrapHanging(w, "! ", fmt.Sprintf("%s (%s): %s", s.Record.Path, s.Status, s.Detail))
	}
}

// writePlan prints what repair is about to do, with every file it wrote
// before and what happens to it.
func writePlan(w io.Writer, p repair.Plan, files []repair.FileChange) {
	if !p.Empty() {
		fmt.Fprintln(w, "\nRepair will:")
	}
	for _, c := range p.Changes {
		termtext.Fprintf(w, "  - change %s\n", c)
	}
	if p.NeedPassword {
		fmt.Fprintln(w, "  - ask for the new password, check it, and store it")
	}
	if p.StorePassword {
		termtext.Fprintf(w, "  - store the password in %s once it is verified\n", repair.SecretPlace(p.Profile.Secret))
	}
	if len(p.Certificates) > 0 {
		fmt.Fprintln(w, "  - ask whether to trust the new certificate shown above")
	}
	if p.Reexport && len(files) > 0 {
		fmt.Fprintln(w, "  - look at each file setupwiz wrote before:")
		for _, f := range files {
			wrapHanging(w, "      ", fmt.Sprintf("%s (%s): %s", f.Path, f.Target, verdictWords(f)))
			if f.Link != "" {
				wrapHanging(w, "        ", f.Link)
			}
		}
	}
	for _, f := range p.UserAction {
		wrapHanging(w, "  ! needs you: ", fmt.Sprintf("%s, %s (see above)", strings.ToUpper(string(f.Service)), causeWords[f.Cause]))
	}
}

// verdictWords says what happens to a file, in the plan.
func verdictWords(f repair.FileChange) string {
	switch f.Verdict {
	case repair.VerdictUnchanged:
		return "unchanged: left as it is (only the time in its header would differ)"
	case repair.VerdictRewrite:
		return "rewrite, keeping a backup"
	case repair.VerdictEdited:
		return "edited by hand since setupwiz wrote it: asks before rewriting"
	}
	return "left alone: " + f.Skipped
}

// writeOutcome prints what was done: changes, diffs, backups and what remains.
func writeOutcome(w io.Writer, o repair.Outcome) {
	for _, f := range o.Files {
		switch {
		case f.Skipped != "":
			wrapHanging(w, "left alone: ", f.Path+": "+f.Skipped)
		case f.Verdict == repair.VerdictUnchanged:
			termtext.Fprintf(w, "unchanged: %s\n", f.Path)
		case f.Diff != "":
			fmt.Fprint(w, termtext.Lines(f.Diff))
			termtext.Fprintf(w, "rewrote %s", f.Path)
			if f.Backup != "" {
				termtext.Fprintf(w, " (backup: %s)", f.Backup)
			}
			fmt.Fprintln(w)
			if f.Link != "" {
				wrapHanging(w, "  ", f.Link)
			}
		}
	}
	for _, c := range o.Changes {
		termtext.Fprintf(w, "✓ %s\n", c)
	}
	if o.Saved {
		termtext.Fprintf(w, "✓ saved profile %q\n", o.Profile.Name)
	}
	for _, r := range o.Remaining {
		wrapHanging(w, "! still needs you: ", r)
	}
}
