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

// TestRepairWritesOnlyThroughSetup: repair finds where a recorded export
// was placed and writes it again only through internal/setup (one flow):
// none of its code holds an exporters.Placer or applies a plan itself.
func TestRepairWritesOnlyThroughSetup(t *testing.T) {
	files, err := filepath.Glob("../repair/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no repair sources: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"exporters.Placer", "placer.Apply(", "placer.Plan(", ".Placer.Plan(", ".Placer.Apply("} {
			if strings.Contains(string(src), bad) {
				t.Errorf("%s uses %s: repair plans and writes exports through setup.Flow only", filepath.Base(f), bad)
			}
		}
	}
}
