package profile

import (
	"os"
	"path/filepath"
	"regexp"
)

// RemoveLeftovers deletes the regular files in dir whose names match ours:
// the temporary files of an atomic write whose run was killed between
// creating and renaming them. Only the holder of the lock of the file they
// were meant to replace calls it, so no run still writing them can lose
// its file. What cannot be removed is left for the next run.
func (l *FileLock) RemoveLeftovers(dir string, ours *regexp.Regexp) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && ours.MatchString(e.Name()) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// storeTemps matches what WriteFileAtomic leaves of path and of its backup:
// ".NAME.toml.tmp-123" and ".NAME.toml.bak.tmp-123".
func storeTemps(path string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(filepath.Base(path)) + `(\.bak)?\.tmp-[0-9]+$`)
}
