package repair

import (
	"bytes"
	"errors"
	"io/fs"
	"os"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// ExportStatus says whether a file setupwiz wrote is still as it was written.
type ExportStatus string

const (
	ExportClean ExportStatus = "clean" // setupwiz's part is as written (edits outside the block don't count)
	// ExportEdited: setupwiz's part was changed by hand since; rewriting it needs confirmation.
	ExportEdited ExportStatus = "edited"
	// ExportBlockRemoved: the managed block is gone from the file; re-adding it needs confirmation.
	ExportBlockRemoved ExportStatus = "block_removed"
	// ExportMissing: the file is gone; it is written again.
	ExportMissing ExportStatus = "missing"
	// ExportRewritten: Thunderbird rewrote prefs.js (it drops comments on exit); the account is found by its marker pref.
	ExportRewritten ExportStatus = "rewritten_by_thunderbird"
	// ExportStalePassword: the file holds the password inline, but not the one that works now; it is rewritten.
	ExportStalePassword ExportStatus = "stale_password"
	// ExportUnreadable: the file could not be read.
	ExportUnreadable ExportStatus = "unreadable"
)

// ExportState is the state of one earlier export.
type ExportState struct {
	Record profile.ExportRecord `json:"record"`
	Status ExportStatus         `json:"status"`
	Detail string               `json:"detail,omitempty"`
}

// NeedsConfirmation reports whether rewriting the file would overwrite a hand edit.
func (s ExportState) NeedsConfirmation() bool {
	return s.Status == ExportEdited || s.Status == ExportBlockRemoved || s.Status == ExportUnreadable
}

// CheckExports compares every export record of p with the file on disk.
func CheckExports(p profile.Profile) []ExportState {
	out := make([]ExportState, 0, len(p.Exports))
	for _, rec := range p.Exports {
		out = append(out, checkExport(p.Name, rec))
	}
	return out
}

func checkExport(name string, rec profile.ExportRecord) ExportState {
	st := ExportState{Record: rec, Status: ExportClean}
	data, err := os.ReadFile(rec.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st.Status, st.Detail = ExportMissing, rec.Path+" no longer exists: it will be written again"
		return st
	case err != nil:
		st.Status, st.Detail = ExportUnreadable, err.Error()
		return st
	}
	written, ok := writtenPart(name, rec, data)
	switch {
	case !ok && rec.Format == "prefs.js":
		st.Status, st.Detail = ExportRewritten, "Thunderbird rewrote prefs.js since; the account keys are found again by their setupwiz_profile marker"
	case !ok:
		st.Status, st.Detail = ExportBlockRemoved, "the '"+exporters.BeginMarker(name)+"' block was removed from "+rec.Path
	case exporters.Checksum(written) != rec.Checksum:
		st.Status, st.Detail = ExportEdited, "setupwiz's part of "+rec.Path+" was edited by hand since it was written"
	}
	return st
}

// writtenPart is what setupwiz wrote: the block body for managed blocks, else the whole file.
func writtenPart(name string, rec profile.ExportRecord, data []byte) ([]byte, bool) {
	if rec.Format == "managed-block" || rec.Format == "prefs.js" {
		return exporters.ExtractBlock(data, name)
	}
	return bytes.Clone(data), true
}
