package exporters

import (
	"bytes"
	"fmt"
)

// mergeFunc puts setupwiz's part into a file's current content; it returns
// the whole new file and what setupwiz wrote into it.
type mergeFunc func(current []byte) (file, written []byte, err error)

// blockMerge puts the "#" managed block of the profile called name, holding body, into the file.
func blockMerge(name string, body []byte) mergeFunc {
	return func(current []byte) ([]byte, []byte, error) {
		return replaceBlock(current, name, wrapBlock("#", name, body)), body, nil
	}
}

// remerge brings a plan up to date with the file as it is now, read while
// holding its lock. When it changed since Plan (another setupwiz run wrote
// its own block, or the user edited it) and setupwiz's block for this
// profile is as it was planned, the block is merged into the file as it is
// now, keeping every other change. Anything else (a whole file, or our own
// block changed under us) is refused: nothing is written and the error
// says so, so no run reports a block that is not in the file.
func remerge(p Plan, now []byte) (Plan, error) {
	if sameFile(now, p.Old) {
		return p, nil
	}
	if p.merge == nil {
		return p, fmt.Errorf("%s changed since the export was planned (another setupwiz run or an edit); nothing was written to it: run the export again", p.Path)
	}
	if p.account != "" && !sameBlock(now, p.Old, p.account) { // a side file has no block of its own
		return p, fmt.Errorf("%s changed since the export was planned: setupwiz's block for %s in it is different now (another setupwiz run or an edit); nothing was written to it: run the export again", p.Path, p.account)
	}
	file, written, err := p.merge(now)
	if err != nil {
		return p, err
	}
	p.Old, p.New, p.Written = now, file, written
	return p, nil
}

// sameFile compares two file contents, nil meaning the file does not exist.
func sameFile(a, b []byte) bool { return (a == nil) == (b == nil) && bytes.Equal(a, b) }

// sameBlock reports whether the profile's managed block is the same (or absent) in both contents.
func sameBlock(a, b []byte, name string) bool {
	blockA, okA := ExtractBlock(a, name)
	blockB, okB := ExtractBlock(b, name)
	return okA == okB && bytes.Equal(blockA, blockB)
}
