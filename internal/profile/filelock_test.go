package profile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// TestLockBesideWaitEndsWithItsContext: a run waiting for another one's
// lock stops waiting when its context ends (ctrl+c), and the lock file
// goes with the last holder.
func TestLockBesideWaitEndsWithItsContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	held, err := profile.LockBeside(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if l, err := profile.LockBesideWait(ctx, path, time.Hour); !errors.Is(err, context.Canceled) {
		l.Unlock()
		t.Fatalf("waiting with an ended context: %v, want context.Canceled", err)
	}
	held.Unlock()
	if _, err := os.Stat(profile.LockName(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is still there after Unlock: %v", err)
	}
}
