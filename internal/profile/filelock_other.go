//go:build !unix

package profile

import "os"

func openLockFile(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
}

// flockNoWait: this platform has no flock; concurrent runs are not serialised here.
func flockNoWait(*os.File) (bool, error) { return true, nil }
