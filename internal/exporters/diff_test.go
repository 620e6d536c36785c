package exporters

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// checkPatch applies diff to old with GNU patch and expects new.
func checkPatch(t *testing.T, old, new, diff string) {
	t.Helper()
	mailtest.NeedTool(t, "patch")
	dir := t.TempDir()
	file := writeFile(t, dir, "f", []byte(old), 0o644)
	patchFile := writeFile(t, dir, "d.patch", []byte(diff), 0o644)
	if out, stderr, err := run(t, nil, nil, "patch", "-s", "--no-backup-if-mismatch", file, patchFile); err != nil {
		t.Fatalf("patch: %v\n%s%s\ndiff:\n%s", err, out, stderr, diff)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "f")); string(got) != new {
		t.Fatalf("patched file differs\nwant:\n%q\ngot:\n%q\ndiff:\n%s", new, got, diff)
	}
}

func TestUnifiedDiffAppliesWithPatch(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 60 {
		old := randomLines(r)
		new := mutateLines(r, old)
		if i%10 == 0 {
			new = strings.TrimSuffix(new, "\n")
		}
		if old == new {
			continue
		}
		checkPatch(t, old, new, UnifiedDiff("a/f", "b/f", []byte(old), []byte(new)))
	}
}

func randomLines(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(40) {
		fmt.Fprintf(&b, "line %d\n", r.IntN(8))
	}
	return b.String()
}

func mutateLines(r *rand.Rand, s string) string {
	lines := strings.SplitAfter(s, "\n")
	var out []string
	for _, l := range lines {
		switch r.IntN(6) {
		case 0: // drop
		case 1:
			out = append(out, l, fmt.Sprintf("new %d\n", r.IntN(100)))
		default:
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

func TestUnifiedDiffOfEqualInputsIsEmpty(t *testing.T) {
	checkEq(t, "diff", UnifiedDiff("a", "b", []byte("x\n"), []byte("x\n")), "")
}

// TestDiffRemovesBeforeItAdds: a changed line reads as the old line, then
// the new one.
func TestDiffRemovesBeforeItAdds(t *testing.T) {
	d := UnifiedDiff("a", "b", []byte("x\nold\ny\n"), []byte("x\nnew\ny\n"))
	if i, j := strings.Index(d, "-old"), strings.Index(d, "+new"); i < 0 || j < i {
		t.Errorf("diff:\n%s", d)
	}
}
