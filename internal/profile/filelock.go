package profile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// lockWait bounds how long LockBeside waits for another setupwiz. The lock
// is only held while a file is re-read, merged and renamed (milliseconds),
// never across a question to the user.
const lockWait = 20 * time.Second

// lockPoll is how often LockBeside tries again while another process holds the lock.
const lockPoll = 10 * time.Millisecond

// FileLock is an advisory lock (flock(2)) that serialises setupwiz
// processes rewriting the same file: the profile store and the exporters
// take it around read, merge, check and rename, so two runs at the same
// time cannot both replace the file from the same old content.
type FileLock struct {
	f    *os.File
	path string
}

// LockName is the lock file for path: ".NAME.setupwiz.lock" beside it. It
// exists only while someone holds the lock (or after a crash, until the
// next run takes and removes it).
func LockName(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".setupwiz.lock")
}

// LockBeside takes the lock for path, waiting up to lockWait for another
// process that holds it. Release it with Unlock.
func LockBeside(path string) (*FileLock, error) {
	return LockBesideWait(context.Background(), path, lockWait)
}

// LockBesideWait is LockBeside for work that holds the lock longer than a
// rename (a network round trip): it waits up to wait, or until ctx ends.
func LockBesideWait(ctx context.Context, path string, wait time.Duration) (*FileLock, error) {
	name := LockName(path)
	deadline := time.Now().Add(wait)
	for {
		l, err := tryLock(name)
		if err != nil || l != nil {
			return l, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another setupwiz has been writing %s for %v (it holds %s): try again when it has finished", path, wait, name)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// tryLock opens (creating it) and locks the lock file without waiting. It
// returns nil, nil when the lock is busy, or when the file it locked was
// removed by its previous holder in the meantime (the lock is then on a
// name nobody else will open: try again).
func tryLock(name string) (*FileLock, error) {
	f, err := openLockFile(name)
	if err != nil {
		return nil, fmt.Errorf("creating the lock file %s: %w", name, err)
	}
	ok, err := flockNoWait(f)
	if err == nil && ok && stillNamed(f, name) {
		return &FileLock{f: f, path: name}, nil
	}
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	return nil, nil
}

// stillNamed reports whether f is still the file called name.
func stillNamed(f *os.File, name string) bool {
	held, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Lstat(name)
	return err == nil && os.SameFile(held, now)
}

// Unlock removes the lock file, then releases the lock. Removing it while
// still holding it is what makes stillNamed safe for the next holder.
func (l *FileLock) Unlock() {
	if l == nil {
		return
	}
	_ = os.Remove(l.path)
	_ = l.f.Close()
}
