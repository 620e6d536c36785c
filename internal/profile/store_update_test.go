package profile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// TestStoreUpdateLosesNoConcurrentChange: writers in parallel each add
// their own history entries through Update; every entry must survive
// (each sees the others' saved versions), and no lock file stays behind.
func TestStoreUpdateLosesNoConcurrentChange(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := fullProfile()
	p.History = nil
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	const writers, rounds = 4, 15
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for r := range rounds {
				err := s.Update(p.Name, func(old profile.Profile, found bool) (profile.Profile, error) {
					old.History = append(old.History, profile.HistoryEntry{Summary: fmt.Sprintf("writer %d round %d", w, r)})
					return old, nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	got, err := s.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.History) != writers*rounds {
		t.Errorf("%d history entries after %d updates: concurrent updates were lost", len(got.History), writers*rounds)
	}
	if _, err := os.Lstat(profile.LockName(s.Path(p.Name))); !os.IsNotExist(err) {
		t.Errorf("the lock file stayed behind (%v)", err)
	}
}

// TestStoreUpdateWritesNothingWhenChangeFails and a new profile reaches change as not found.
func TestStoreUpdateWritesNothingWhenChangeFails(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := fullProfile()
	err := s.Update(p.Name, func(old profile.Profile, found bool) (profile.Profile, error) {
		if found {
			t.Error("a profile that was never saved was found")
		}
		return p, fmt.Errorf("no")
	})
	if err == nil || err.Error() != "no" {
		t.Errorf("Update returned %v, want the change's error", err)
	}
	if _, err := os.Stat(s.Path(p.Name)); !os.IsNotExist(err) {
		t.Errorf("Update wrote the profile although change failed (%v)", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(s.Path(p.Name)))
	if len(entries) != 0 {
		t.Errorf("left in the store: %v", entries)
	}
}
