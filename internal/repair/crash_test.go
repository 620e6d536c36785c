package repair_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/setup"
)

const crashEnv = "SETUPWIZ_REPAIR_CRASH_DIR"

// crashProfiles are the two versions the child alternates between.
func crashProfiles() [2]profile.Profile {
	var out [2]profile.Profile
	for i, port := range []int{995, 1995} {
		p := profile.New("jane@example.test", "Jane")
		p.Incoming.Host, p.Outgoing.Host = "pop.example.test", "smtp.example.test"
		p.Incoming.Port = port
		out[i] = p
	}
	return out
}

func crashDeps(dir string) repair.Deps {
	now := func() time.Time { return fixedNow }
	placer := &exporters.Placer{Home: filepath.Join(dir, "home"), WorkDir: dir, Now: now}
	return repair.Deps{Flow: &setup.Flow{Store: crashStore(dir), Placer: placer}, Now: now}
}

func crashStore(dir string) profile.Store { return profile.Store{Dir: filepath.Join(dir, "config")} }

// crashFiles are the files the loop rewrites.
func crashFiles(dir string) []string {
	return []string{filepath.Join(dir, "home", ".muttrc"), filepath.Join(dir, "home", ".fetchmailrc"),
		crashStore(dir).Path("jane@example.test")}
}

// TestCrashChild is the child process of TestSIGKILLDuringExport: it
// records both versions of every file, then rewrites them in a loop through
// repair.Reexport and the profile store, printing a line per round.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashEnv)
	if dir == "" {
		t.Skip("only runs as the child of TestSIGKILLDuringExport")
	}
	deps := crashDeps(dir)
	ps := crashProfiles()
	for round := 0; ; round++ {
		p := ps[round%2]
		p.Exports = crashRecords(t, deps, ps[(round+1)%2], p)
		if err := crashStore(dir).Save(p); err != nil {
			t.Fatal(err)
		}
		if round < 2 {
			snapshotVersion(t, dir, round)
		}
		fmt.Println("round", round)
	}
}

// crashRecords writes p's exports: the first time through setup, then via repair.Reexport.
func crashRecords(t *testing.T, deps repair.Deps, prev, p profile.Profile) []profile.ExportRecord {
	if loaded, err := deps.Flow.Store.(profile.Store).Load(p.Name); err == nil {
		p.Exports = loaded.Exports
		recs, _, err := repair.Reexport(p, profile.Password{}, deps, nil)
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	plans, err := deps.Flow.Plan([]string{exporters.TargetMutt, exporters.TargetFetchmail}, p, exporters.Options{Now: deps.Now})
	if err != nil {
		t.Fatal(err)
	}
	recs, _, err := deps.Flow.Apply(plans)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// snapshotVersion copies every file as version v (0 or 1) for the parent to compare.
func snapshotVersion(t *testing.T, dir string, v int) {
	for i, f := range crashFiles(dir) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("ref-%d-%d", v, i)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSIGKILLDuringExport kills a process that rewrites the exports and the
// profile in a loop, at an arbitrary point, several times; every file must
// then be exactly the old or the new version, never a mix or a stub.
func TestSIGKILLDuringExport(t *testing.T) {
	for run := range 5 {
		dir := t.TempDir()
		killChildAfter(t, dir, 20+run*7)
		for i, f := range crashFiles(dir) {
			got, err := os.ReadFile(f)
			if err != nil {
				t.Fatalf("run %d: %s is gone after the kill: %v", run, f, err)
			}
			v0, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("ref-0-%d", i)))
			v1, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("ref-1-%d", i)))
			if string(got) != string(v0) && string(got) != string(v1) {
				t.Errorf("run %d: %s is neither version after SIGKILL:\n%s", run, f, got)
			}
		}
	}
}

// killChildAfter starts the child, waits for rounds complete rounds, and SIGKILLs it.
func killChildAfter(t *testing.T, dir string, rounds int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	seen := 0
	for seen < rounds && sc.Scan() {
		if len(sc.Text()) > 5 && sc.Text()[:5] == "round" {
			seen++
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if seen < rounds {
		t.Fatalf("the child stopped after %d rounds on its own (want %d before the kill)", seen, rounds)
	}
}
