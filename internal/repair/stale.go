package repair

import (
	"bytes"
	"os"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// markStale flags every clean export that holds the password inline but
// not the one that works now (it was changed, and typed or given afresh):
// those files must be rewritten, or the mail program keeps failing.
func markStale(states []ExportState, p profile.Profile, pw profile.Password, deps Deps) {
	if pw.IsEmpty() {
		return
	}
	for i, s := range states {
		if s.Status == ExportClean && s.Record.Secrets == string(exporters.SecretsInline) && holdsOtherPassword(p, s.Record, pw, deps) {
			states[i].Status = ExportStalePassword
			states[i].Detail = s.Record.Path + " holds another password than the one that works now: it will be rewritten"
		}
	}
}

// holdsOtherPassword renders the export with pw and with a different
// password; the lines that differ carry the password, and each must be in
// the file as written. Lines that do not depend on the password (headers,
// dates) play no part.
func holdsOtherPassword(p profile.Profile, rec profile.ExportRecord, pw profile.Password, deps Deps) bool {
	data, err := os.ReadFile(rec.Path)
	if err != nil {
		return false
	}
	written, ok := writtenPart(p.Name, rec, data)
	with, ok1 := renderWritten(p, rec, pw, deps)
	other, ok2 := renderWritten(p, rec, differentPassword(pw), deps)
	if !ok || !ok1 || !ok2 {
		return false
	}
	have, others := lineSet(written), lineSet(other)
	for _, line := range bytes.Split(with, []byte("\n")) {
		if !others[string(line)] && !have[string(line)] {
			return true
		}
	}
	return false
}

// renderWritten is setupwiz's part of rec's file as it would be written with pw.
func renderWritten(p profile.Profile, rec profile.ExportRecord, pw profile.Password, deps Deps) ([]byte, bool) {
	o := exporters.Options{Secrets: exporters.SecretsInline, Password: pw, Now: func() time.Time { return rec.Written }}
	plan, err := deps.flow().PlanRecorded(rec, p, o)
	return plan.Written, err == nil
}

// differentPassword is a password that is surely not pw.
func differentPassword(pw profile.Password) profile.Password {
	if pw.Reveal() == "setupwiz-probe-a" {
		return profile.NewPassword("setupwiz-probe-b")
	}
	return profile.NewPassword("setupwiz-probe-a")
}

func lineSet(b []byte) map[string]bool {
	set := map[string]bool{}
	for _, line := range bytes.Split(b, []byte("\n")) {
		set[string(line)] = true
	}
	return set
}
