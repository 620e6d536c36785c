package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped in the *Error for a file that is not a regular file.
var ErrNotRegular = errors.New("setupwiz reads only regular files")

// Open opens path for reading if it is a regular file (links are
// followed). what names it in errors, e.g. "--password-file PATH". The
// file is opened without waiting for a FIFO's writer, and checked with
// fstat on the opened file, so a FIFO swapped in after a check cannot
// block either.
func Open(what, path string) (*os.File, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, &Error{What: what, Err: err}
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{What: what, Err: err}
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &Error{What: what, Err: fmt.Errorf("%s is %s: %w", path, kind(fi.Mode()), ErrNotRegular)}
	}
	return f, nil
}

// ReadFile returns the whole regular file at path, refusing one larger than limit bytes.
func ReadFile(what, path string, limit int64) ([]byte, error) {
	f, err := Open(what, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(f, limit+1))
	switch {
	case err != nil:
		return nil, &Error{What: what, Err: err}
	case n > limit:
		return nil, &Error{What: what, Err: fmt.Errorf("%s is larger than %d bytes", path, limit)}
	}
	return buf.Bytes(), nil
}

// kind names what a non-regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}
