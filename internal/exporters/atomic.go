package exporters

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// writeAtomic replaces path with data: a temporary file in the same
// directory is written, synced and chmodded, renamed over path, and the
// directory is synced, so a crash leaves either the old or the new file.
func writeAtomic(path string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".setupwiz-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := fillTemp(tmp, data, mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return syncDir(dir)
}

func fillTemp(f *os.File, data []byte, mode fs.FileMode) error {
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// backupName is <file>.setupwiz-<UTC timestamp>.bak.
func backupName(path string, now string) string { return path + ".setupwiz-" + now + ".bak" }

// tempFiles matches the temporary files writeAtomic leaves when killed
// before its rename: ".NAME.setupwiz-123" for the file itself and
// ".NAME.setupwiz-<stamp>.bak.setupwiz-123" for its backup (see backupName).
func tempFiles(path string) *regexp.Regexp {
	base := regexp.QuoteMeta(filepath.Base(path))
	return regexp.MustCompile(`^\.` + base + `\.setupwiz-([0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.bak\.setupwiz-)?[0-9]+$`)
}
