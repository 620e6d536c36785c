package archtest

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/setupwiz/setupwiz"

type pkg struct {
	ImportPath string
	Deps       []string
	Imports    []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps=false", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 3 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

// mayUseCharm reports whether a package is allowed to depend on charm modules.
func mayUseCharm(path string) bool {
	return path == module+"/cmd/setupwiz" || strings.HasPrefix(path, module+"/internal/ui")
}

func isCharm(dep string) bool {
	return strings.HasPrefix(dep, "charm.land/") || strings.HasPrefix(dep, "github.com/charmbracelet/")
}

func TestNoCharmBelowUI(t *testing.T) {
	for _, p := range listPackages(t) {
		if mayUseCharm(p.ImportPath) {
			continue
		}
		for _, d := range p.Deps {
			if isCharm(d) {
				t.Errorf("%s depends on %s: charm modules belong in internal/ui only", p.ImportPath, d)
			}
		}
	}
}

func TestProfileIsALeaf(t *testing.T) {
	checked := false
	for _, p := range listPackages(t) {
		if p.ImportPath != module+"/internal/profile" {
			continue
		}
		checked = true
		for _, d := range p.Deps {
			if strings.HasPrefix(d, module+"/") {
				t.Errorf("internal/profile depends on %s: it must import no other internal package", d)
			}
		}
	}
	if !checked {
		t.Fatal("internal/profile not found by go list")
	}
}

func TestVerifyDiscoverExportersStayApart(t *testing.T) {
	forbidden := map[string][]string{
		"/internal/verify":    {"/internal/discover", "/internal/exporters", "/internal/ui", "/internal/repair", "/internal/setup"},
		"/internal/exporters": {"/internal/verify", "/internal/discover", "/internal/ui", "/internal/repair", "/internal/setup"},
		"/internal/discover":  {"/internal/exporters", "/internal/ui", "/internal/repair", "/internal/setup"},
		"/internal/profile":   {"/internal/setup"},
		"/internal/secrets":   {"/internal/setup"},
		// setup is the one flow below the faces: it never reaches up to them.
		"/internal/setup": {"/internal/ui", "/internal/repair", "/cmd/setupwiz"},
	}
	for _, p := range listPackages(t) {
		bad := forbidden[strings.TrimPrefix(p.ImportPath, module)]
		for _, d := range p.Deps {
			for _, b := range bad {
				if d == module+b {
					t.Errorf("%s imports %s, against the import rule", p.ImportPath, d)
				}
			}
		}
	}
}

// The Dovecot harness and the hostile-text kit are test-only: no shipped
// package may link them in.
func TestTestKitsOnlyInTests(t *testing.T) {
	for _, p := range listPackages(t) {
		for _, d := range p.Deps {
			if d == module+"/internal/mailtest" || d == module+"/internal/termtext/termtexttest" {
				t.Errorf("%s links %s outside its tests", p.ImportPath, d)
			}
		}
	}
}

// The terminal sanitiser is a leaf every package may import (verify keeps
// server text with it, every face renders with it): it imports nothing of
// ours, so importing it never drags a dependency along.
func TestTermTextIsALeaf(t *testing.T) {
	checked := false
	for _, p := range listPackages(t) {
		if p.ImportPath != module+"/internal/termtext" {
			continue
		}
		checked = true
		for _, d := range p.Deps {
			if !strings.HasPrefix(d, "vendor/") && strings.Contains(d, ".") || strings.HasPrefix(d, module+"/") {
				t.Errorf("internal/termtext depends on %s: it must import the standard library only", d)
			}
		}
	}
	if !checked {
		t.Fatal("internal/termtext not found by go list")
	}
}

// The POP3 client is a protocol library: it imports nothing of ours, so
// policy (steps, deadlines, diagnoses) cannot creep into it.
func TestPOP3ClientStandsAlone(t *testing.T) {
	checked := false
	for _, p := range listPackages(t) {
		if p.ImportPath != module+"/internal/pop3" {
			continue
		}
		checked = true
		for _, d := range p.Deps {
			if strings.HasPrefix(d, module+"/") {
				t.Errorf("internal/pop3 depends on %s: it must import no package of this module", d)
			}
		}
	}
	if !checked {
		t.Fatal("internal/pop3 not found by go list")
	}
}
