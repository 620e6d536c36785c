package exporters

import (
	"io/fs"
	"os"
	"path/filepath"
)

// WriteSideFile writes one of setupwiz's own files beside the exports (the
// saved copy of a pinned certificate, Thunderbird's certificate
// exceptions) the way every export is written: atomically, creating a
// missing directory (0700).
func WriteSideFile(path string, data []byte, mode fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return writeAtomic(path, data, mode)
}
