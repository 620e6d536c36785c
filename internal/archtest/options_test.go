package archtest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyOptionsBuiltOnce: the check's options are decided in one place,
// internal/setup, for every face. Only internal/verify itself and
// discovery's port probes build their own.
func TestVerifyOptionsBuiltOnce(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var places []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if strings.HasPrefix(rel, "internal/verify/") || strings.HasPrefix(rel, "internal/discover/") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for range strings.Count(string(src), "verify.Options{") {
			places = append(places, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 1 || places[0] != "internal/setup/login.go" {
		t.Errorf("verify.Options{ is built in %q; want exactly once, in internal/setup/login.go", places)
	}
}
