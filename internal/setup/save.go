package setup

import (
	"errors"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
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
// the others stay, and so does the history, one line longer. It reads and
// writes under the profile's lock, so two runs at once lose nothing.
func (f *Flow) Save(p profile.Profile, written []profile.ExportRecord, o SaveOptions) (profile.Profile, error) {
	if f.Store == nil {
		return p, errNoStore
	}
	if o.Summary == "" {
		o.Summary = fmt.Sprintf("exported %d file(s)", len(written))
	}
	p = f.withPinnedFile(p)
	saved := p
	err := f.Store.Update(p.Name, func(old profile.Profile, found bool) (profile.Profile, error) {
		q := p
		if found {
			q.Exports, q.History = old.Exports, old.History
			if o.KeepSecret {
				q.Secret = old.Secret
			}
		}
		q.Exports = MergeRecords(q.Exports, written)
		q.History = append(q.History, profile.HistoryEntry{When: f.now(), Summary: o.Summary})
		saved = q
		return q, nil
	})
	return saved, err
}

// SaveVerified notes in the saved profile called name that the check r of
// its settings passed (see RecordVerified), under the profile's lock: what
// another run saved since the profile was read stays.
func (f *Flow) SaveVerified(name string, r verify.Result) error {
	if f.Store == nil {
		return errNoStore
	}
	return f.Store.Update(name, func(old profile.Profile, found bool) (profile.Profile, error) {
		if !found {
			return old, fmt.Errorf("the profile %q is no longer saved", name)
		}
		RecordVerified(&old, r, f.now())
		return old, nil
	})
}
