package setup

import (
	"errors"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// errNoStore: the flow was built without a profile store.
var errNoStore = errors.New("setupwiz was started without a profile store")

// SaveOptions say how Save treats an earlier save of the same profile.
type SaveOptions struct {
	// KeepSecret keeps where the earlier profile finds its password (the
	// user said nothing new about it).
	KeepSecret bool
	// Summary is the history line; "" says how many files were written.
	Summary string
}

// Save stores p for setupwiz repair with the records of the files just
// written: they replace the earlier records of the same target and file,
// the others stay, and so does the history, one line longer.
func (f *Flow) Save(p profile.Profile, written []profile.ExportRecord, o SaveOptions) (profile.Profile, error) {
	if f.Store == nil {
		return p, errNoStore
	}
	if old, err := f.Store.Load(p.Name); err == nil {
		p.Exports, p.History = old.Exports, old.History
		if o.KeepSecret {
			p.Secret = old.Secret
		}
	}
	p.Exports = MergeRecords(p.Exports, written)
	if o.Summary == "" {
		o.Summary = fmt.Sprintf("exported %d file(s)", len(written))
	}
	p.History = append(p.History, profile.HistoryEntry{When: f.now(), Summary: o.Summary})
	return p, f.Store.Save(p)
}
