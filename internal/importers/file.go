package importers

import (
	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// ImportFile is Import of the file at path, which must be a regular file
// (a FIFO is refused, not waited on: see input.Open); one that cannot be
// opened is an *input.Error.
func ImportFile(format, path string) ([]profile.Profile, error) {
	f, err := input.Open("the "+format+" file", path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Import(format, f)
}
