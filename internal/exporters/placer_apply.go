package exporters

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Apply writes the plans: each replaced file is first copied to
// <file>.setupwiz-<UTC timestamp>.bak (same mode), then replaced
// atomically. Each file is re-read and written under its lock (see
// profile.LockBeside), so concurrent runs do not lose each other's blocks:
// a managed block is merged into a file that changed since it was planned,
// anything else that changed is refused, as is a Thunderbird profile that
// became locked. It returns a record per file (of what is in it now) and the
// backups made, also when it stops at an error.
func (pl *Placer) Apply(plans []Plan) ([]profile.ExportRecord, []string, error) {
	var records []profile.ExportRecord
	var backups []string
	for _, p := range plans {
		p, backup, err := pl.applyOne(p)
		if backup != "" {
			backups = append(backups, backup)
		}
		if err != nil {
			return records, backups, err
		}
		records = append(records, pl.record(p))
	}
	return records, backups, nil
}

func (pl *Placer) record(p Plan) profile.ExportRecord {
	return profile.ExportRecord{Target: p.Target, Path: p.Path, Format: p.Format,
		Checksum: Checksum(p.Written), Secrets: string(p.Secrets), Written: pl.now()}
}

// applyOne writes one plan under the file's lock and returns it as applied.
func (pl *Placer) applyOne(p Plan) (Plan, string, error) {
	if p.Target == TargetThunderbird && p.Format == "prefs.js" && ThunderbirdLocked(filepath.Dir(p.Path)) {
		return p, "", &ErrThunderbirdRunning{Profile: filepath.Dir(p.Path)}
	}
	mode, err := strconv.ParseUint(p.Mode, 8, 32)
	if err != nil {
		return p, "", fmt.Errorf("plan for %s: bad mode %q", p.Path, p.Mode)
	}
	if err := stillLinkedTo(p); err != nil {
		return p, "", err
	}
	if err := os.MkdirAll(filepath.Dir(p.file()), 0o700); err != nil {
		return p, "", fmt.Errorf("creating the directory for %s: %w", p.file(), err)
	}
	lock, err := profile.LockBeside(p.file())
	if err != nil {
		return p, "", err
	}
	defer lock.Unlock()
	removeLeftovers(lock, p)
	if p, err = reread(p); err != nil || !p.Changed() {
		return p, "", err
	}
	backup, err := pl.backup(p)
	if err != nil {
		return p, "", err
	}
	return p, backup, writeAtomic(p.file(), p.New, fs.FileMode(mode))
}

// removeLeftovers deletes what a killed run left of this file: temporary
// files beside the file and beside the backups (next to Path).
func removeLeftovers(lock *profile.FileLock, p Plan) {
	lock.RemoveLeftovers(filepath.Dir(p.file()), tempFiles(p.file()))
	if p.Resolved != "" {
		lock.RemoveLeftovers(filepath.Dir(p.Path), tempFiles(p.Path))
	}
}

// stillLinkedTo refuses a plan whose Path now leads to another file than
// when it was planned (a link added, removed or re-pointed), or to one that
// may no longer be written.
func stillLinkedTo(p Plan) error {
	final, err := finalFile(p.Path)
	if err != nil {
		return err
	}
	if final != p.file() {
		return fmt.Errorf("%s now leads to %s, not %s as when the export was planned; nothing was written to it: run the export again", p.Path, final, p.file())
	}
	return nil
}

// reread reads the file again once no other setupwiz can change it and
// brings the plan up to date (see remerge).
func reread(p Plan) (Plan, error) {
	now, _, err := readExisting(p.file())
	if err != nil {
		return p, err
	}
	return remerge(p, now)
}

// backup copies the current file next to Path (next to the link, when
// Path is one: the user's dotfiles directory gets no backups) with the same mode.
func (pl *Placer) backup(p Plan) (string, error) {
	if p.Old == nil {
		return "", nil
	}
	info, err := os.Stat(p.Path)
	if err != nil {
		return "", fmt.Errorf("backing up %s: %w", p.Path, err)
	}
	name := pl.freeBackupName(p.Path)
	if err := writeAtomic(name, p.Old, info.Mode().Perm()); err != nil {
		return "", fmt.Errorf("backing up %s: %w", p.Path, err)
	}
	return name, nil
}

// freeBackupName never reuses a name: a second backup in the same second gets a counter.
func (pl *Placer) freeBackupName(path string) string {
	stamp := pl.now().Format("20060102T150405Z")
	name := backupName(path, stamp)
	for i := 1; ; i++ {
		if _, err := os.Lstat(name); os.IsNotExist(err) {
			return name
		}
		name = backupName(path, stamp+"-"+strconv.Itoa(i))
	}
}
