package exporters

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLinks is how many symbolic links are followed before giving up (Linux's limit).
const maxLinks = 40

// LinkError refuses a symbolic link whose file setupwiz may not read or
// replace: it belongs to someone else, or (dangling) would be created in a
// directory that does.
type LinkError struct {
	Link, Final string
	Problem     string // e.g. "which belongs to another user (uid 65534)"
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s, %s: setupwiz neither reads nor replaces it; point the link at a file of your own, or remove it",
		e.Link, e.Final, e.Problem)
}

// finalFile is where writing path really goes. A dotfile kept elsewhere
// and linked in (stow, chezmoi, yadm) is written at the end of its link
// chain, in that file's own directory, so the link stays a link. That file
// must belong to the user running setupwiz; a dangling link may create it
// only in a directory of theirs. Otherwise finalFile returns a *LinkError
// before anything is read, so no one else's text is copied anywhere.
func finalFile(path string) (string, error) {
	final, err := followLinks(path)
	if err != nil || final == path {
		return final, err
	}
	return final, checkLinkTarget(path, final)
}

// followLinks resolves the chain of symbolic links starting at path; the
// last name may not exist.
func followLinks(path string) (string, error) {
	cur := path
	for range maxLinks {
		fi, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink == 0) {
			return cur, nil
		}
		if err != nil {
			return "", fmt.Errorf("reading %s: %w", path, err)
		}
		dest, err := os.Readlink(cur)
		if err != nil {
			return "", fmt.Errorf("following the link %s: %w", path, err)
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(realDir(filepath.Dir(cur)), dest)
		}
		cur = dest
	}
	return "", fmt.Errorf("%s: more than %d symbolic links in a row (a loop?)", path, maxLinks)
}

// realDir is dir with its own links resolved, so ".." in a link's text
// means what it means to the kernel.
func realDir(dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real
	}
	return dir
}

// checkLinkTarget allows the final file of a link only when the user owns
// it or, when it does not exist yet, owns the directory it would be created in.
func checkLinkTarget(link, final string) error {
	fi, err := os.Stat(final)
	if err == nil {
		return ownedByMe(fi, &LinkError{Link: link, Final: final, Problem: "which belongs to another user"})
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s (the target of the link %s): %w", final, link, err)
	}
	dir, err := os.Stat(filepath.Dir(final))
	if err != nil || !dir.IsDir() {
		return &LinkError{Link: link, Final: final, Problem: "which does not exist, in a directory that does not exist either"}
	}
	return ownedByMe(dir, &LinkError{Link: link, Final: final, Problem: "which does not exist, in a directory that belongs to another user"})
}

// ownedByMe returns refusal, its Problem naming the owner, unless the
// effective user of this process owns fi.
func ownedByMe(fi fs.FileInfo, refusal *LinkError) error {
	uid, known := fileOwner(fi)
	if !known || uid == os.Geteuid() {
		return nil
	}
	refusal.Problem += fmt.Sprintf(" (uid %d)", uid)
	return refusal
}

// LinkNote says, for a plan whose Path is a symbolic link, which file is
// written instead; "" when Path is not a link.
func (p Plan) LinkNote() string {
	if p.Resolved == "" {
		return ""
	}
	return fmt.Sprintf("%s is a symbolic link: setupwiz writes %s, and the link stays", p.Path, p.Resolved)
}

// file is the file the plan reads and writes: the link's target, or Path.
func (p Plan) file() string {
	if p.Resolved != "" {
		return p.Resolved
	}
	return p.Path
}
