//go:build !unix

package input

import "os"

func openNoWait(path string) (*os.File, error) { return os.Open(path) }
