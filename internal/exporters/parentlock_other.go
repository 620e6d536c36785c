//go:build !unix

package exporters

import "os"

func parentLockHeld(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
