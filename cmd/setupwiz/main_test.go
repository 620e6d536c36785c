package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestMain stops the shared Dovecot (mailtest.Shared) when the tests end.
func TestMain(m *testing.M) { mailtest.Main(m) }

// builtBinary builds the real setupwiz binary once per test binary, for
// end-to-end tests and benchmarks that run it as a whole process. It lives
// in one per-user directory that each run overwrites (atomically, by rename),
// because mailtest.Main exits without giving us a chance to clean up.
var builtBinary = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("setupwiz-testbin-%d", os.Getuid()))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	tmp := filepath.Join(dir, fmt.Sprintf("setupwiz.%d", os.Getpid()))
	cmd := exec.Command(goTool(), "build", "-trimpath", "-o", tmp, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	bin := filepath.Join(dir, "setupwiz")
	return bin, os.Rename(tmp, bin)
})

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
