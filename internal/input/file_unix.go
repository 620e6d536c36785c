//go:build unix

package input

import (
	"os"
	"syscall"
)

// openNoWait opens path read-only with O_NONBLOCK: opening a FIFO then
// returns at once instead of waiting for a writer (it is refused right
// after); for a regular file the flag changes nothing.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
