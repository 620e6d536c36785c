package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestMain stops the shared Dovecot (mailtest.Shared) when the tests end.
func TestMain(m *testing.M) { mailtest.Main(m) }

// builtBinary builds the real setupwiz binary once per test process, for
// end-to-end tests and benchmarks that run it as a whole process. Each test
// process gets its own file (test runs may overlap) in one per-user
// directory; mailtest.Main exits without a chance to clean up, so each build
// first removes binaries older than an hour.
var builtBinary = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("setupwiz-testbin-%d", os.Getuid()))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	removeOld(dir, time.Hour)
	bin := filepath.Join(dir, fmt.Sprintf("setupwiz-%d", os.Getpid()))
	cmd := exec.Command(goTool(), "build", "-trimpath", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// removeOld deletes the files in dir last modified more than age ago.
func removeOld(dir string, age time.Duration) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// setupwizBinary returns the built binary or stops the test.
func setupwizBinary(t testing.TB) string {
	t.Helper()
	bin, err := builtBinary()
	if err != nil {
		t.Fatalf("building setupwiz: %v", err)
	}
	return bin
}
