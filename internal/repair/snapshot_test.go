package repair_test

import (
	"net"
	"os"
	"strconv"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
)

// snap holds the bytes of every file a repair could touch.
type snap map[string]string

func snapshot(t *testing.T, f *fixture) snap {
	t.Helper()
	s := snap{}
	paths := []string{f.store.Path(f.p.Name)}
	for _, r := range f.p.Exports {
		paths = append(paths, r.Path)
	}
	for _, p := range paths {
		s[p] = readFile(t, p)
	}
	entries, _ := os.ReadDir(f.home)
	s["#home entries"] = strconv.Itoa(len(entries))
	return s
}

func (s snap) assertUnchanged(t *testing.T, f *fixture) {
	t.Helper()
	now := snapshot(t, f)
	for p, old := range s {
		if now[p] != old {
			t.Errorf("%s changed", p)
		}
	}
}

// closedPort returns a port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func itoa(n int) string { return strconv.Itoa(n) }

// reexport runs repair.Reexport for p and returns the file changes and backups.
func reexport(t *testing.T, f *fixture, p profile.Profile, ask *asker) ([]repair.FileChange, []string) {
	t.Helper()
	_, files, err := repair.Reexport(p, f.password(), f.deps, ask)
	if err != nil {
		t.Fatal(err)
	}
	var backups []string
	for _, fc := range files {
		if fc.Backup != "" {
			backups = append(backups, fc.Backup)
		}
	}
	return files, backups
}
