package importers

import (
	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// ImportFile is Import of the file at path, which must be a regular file
// (a FIFO is refused, not waited on: see input.Open). A file that cannot be
// read, or holds no usable account, is an *input.Error; accounts skipped
// beside usable ones are reported in a plain error with them.
func ImportFile(format, path string) ([]profile.Profile, error) {
	f, err := input.Open("the "+format+" file", path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ps, err := Import(format, f)
	if err != nil && len(ps) == 0 {
		return nil, &input.Error{What: path, Err: err}
	}
	return ps, err
}
