package profile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// TestSaveRemovesTheTempFilesOfAKilledRun: the temporary files a killed
// Save leaves (".NAME.toml.tmp-NNN", and of the backup) go at the next
// Save of that profile; another profile's are not touched (its lock is
// not held, it may be being written right now).
func TestSaveRemovesTheTempFilesOfAKilledRun(t *testing.T) {
	s := profile.Store{Dir: t.TempDir()}
	p := fullProfile()
	dir := filepath.Dir(s.Path(p.Name))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(s.Path(p.Name))
	ours := []string{"." + base + ".tmp-123", "." + base + ".bak.tmp-45"}
	notOurs := []string{".other.toml.tmp-1", "." + base + ".tmp-1x", base + ".tmp-9", "." + base + ".setupwiz.lock.tmp-3"}
	for _, name := range append(ours, notOurs...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	for _, name := range ours {
		if _, err := os.Lstat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s was left behind (%v)", name, err)
		}
	}
	for _, name := range notOurs {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was removed (%v)", name, err)
		}
	}
}
