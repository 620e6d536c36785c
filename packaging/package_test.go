// Package packaging holds the nfpm configuration behind `make package`; its
// test builds the .deb, unpacks it into a scratch root and uses what it
// installed the way a user's system would.
package packaging

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// installed is the scratch root the .deb was unpacked into.
type installed struct {
	root string
	deb  string
}

// usr is a path under the scratch root's /usr.
func (in installed) usr(rel string) string { return filepath.Join(in.root, "usr", rel) }

// env is the environment of a user whose system has the package: its
// binary on PATH and its data directory first in XDG_DATA_DIRS.
func (in installed) env(t *testing.T) []string {
	home := t.TempDir()
	return append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"PATH="+in.usr("bin")+":"+os.Getenv("PATH"), "XDG_DATA_DIRS="+in.usr("share")+":/usr/share",
		"LC_ALL=C.UTF-8")
}

// buildAndInstall runs `make package` into a temporary directory (nothing is
// written into the source tree) and unpacks the .deb with dpkg-deb -x.
func buildAndInstall(t *testing.T) installed {
	t.Helper()
	mailtest.NeedTool(t, "make", "dpkg-deb")
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	cmd := exec.Command("make", "-C", repo, "package", "BIN="+filepath.Join(tmp, "setupwiz"),
		"PKG_DIR="+filepath.Join(tmp, "stage"), "PKG_OUT="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make package: %v\n%s", err, b)
	}
	debs, _ := filepath.Glob(filepath.Join(out, "setupwiz_*.deb"))
	rpms, _ := filepath.Glob(filepath.Join(out, "setupwiz-*.rpm"))
	if len(debs) != 1 || len(rpms) != 1 {
		t.Fatalf("make package made %q and %q, want one .deb and one .rpm", debs, rpms)
	}
	in := installed{root: filepath.Join(tmp, "root"), deb: debs[0]}
	if b, err := exec.Command("dpkg-deb", "-x", in.deb, in.root).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v\n%s", err, b)
	}
	return in
}

func run(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %q: %v\n%s%s", name, args, err, out, stderr.String())
	}
	return string(out)
}

// TestDebianPackage: the .deb has the fields dpkg needs, and what it
// installs works: the binary runs, the man page renders with man -l, and
// bash-completion, zsh and fish each find and use their completion file.
func TestDebianPackage(t *testing.T) {
	mailtest.NeedTool(t, "man", "groff", "bash", "/usr/share/bash-completion/bash_completion", "zsh", "fish")
	in := buildAndInstall(t)
	env := in.env(t)

	control := run(t, env, "dpkg-deb", "--field", in.deb, "Package", "Version", "Architecture", "Maintainer")
	for _, want := range []string{"Package: setupwiz\n", "Version: 0", "Architecture: "} {
		if !strings.Contains(control, want) {
			t.Errorf("control lacks %q:\n%s", want, control)
		}
	}
	if got := run(t, env, "sh", "-c", "setupwiz --version"); !strings.HasPrefix(got, "setupwiz ") {
		t.Errorf("installed setupwiz --version: %q", got)
	}
	if which := strings.TrimSpace(run(t, env, "sh", "-c", "command -v setupwiz")); which != in.usr("bin/setupwiz") {
		t.Errorf("setupwiz on PATH is %s, not the installed one", which)
	}
	if _, err := os.Stat(in.usr("share/doc/setupwiz/copyright")); err != nil {
		t.Error(err)
	}

	page := run(t, append(env, "MANWIDTH=80", "MANPAGER=cat"), "man", "--warnings", "-l", in.usr("share/man/man1/setupwiz.1.gz"))
	for _, want := range []string{"SETUPWIZ(1)", "EXIT STATUS", "ENVIRONMENT", "FILES", "--dns-server ADDR:PORT"} {
		if !strings.Contains(page, want) {
			t.Errorf("man -l: the page lacks %q", want)
		}
	}

	t.Run("bash", func(t *testing.T) { bashFindsCompletion(t, in, env) })
	t.Run("zsh", func(t *testing.T) { zshFindsCompletion(t, in, env) })
	t.Run("fish", func(t *testing.T) { fishFindsCompletion(t, in, env) })
}

// bashFindsCompletion: bash-completion loads the script on demand from
// $XDG_DATA_DIRS/bash-completion/completions and completes with it.
func bashFindsCompletion(t *testing.T, in installed, env []string) {
	script := `
source /usr/share/bash-completion/bash_completion
__load_completion setupwiz || exit 3
COMP_LINE="setupwiz ex" COMP_POINT=11 COMP_TYPE=9 COMP_WORDS=(setupwiz ex) COMP_CWORD=1
fn=$(complete -p setupwiz | sed -E 's/.*-F ([^ ]+).*/\1/')
"$fn" setupwiz ex setupwiz 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"`
	if got := strings.TrimSpace(run(t, env, "bash", "--norc", "--noprofile", "-c", script)); got != "export" {
		t.Errorf("bash completes 'setupwiz ex' to %q", got)
	}
}

// zshFindsCompletion: the file is where Debian's zsh looks (its default
// fpath), and compinit registers it for setupwiz.
func zshFindsCompletion(t *testing.T, in installed, env []string) {
	fpath := run(t, env, "zsh", "-fc", "print -l $fpath")
	if !strings.Contains(fpath, "/usr/share/zsh/vendor-completions\n") {
		t.Fatalf("zsh's fpath has no /usr/share/zsh/vendor-completions:\n%s", fpath)
	}
	dir := in.usr("share/zsh/vendor-completions")
	got := run(t, env, "zsh", "-fc", "fpath=("+dir+" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- ${_comps[setupwiz]}")
	if strings.TrimSpace(got) != "_setupwiz" {
		t.Errorf("zsh: compinit maps setupwiz to %q, want _setupwiz", got)
	}
}

// fishFindsCompletion: fish looks in $XDG_DATA_DIRS/fish/vendor_completions.d
// and completes with the script found there.
func fishFindsCompletion(t *testing.T, in installed, env []string) {
	got := run(t, env, "fish", "-c", "complete -C 'setupwiz ex'")
	if first, _, _ := strings.Cut(got, "\t"); first != "export" {
		t.Errorf("fish completes 'setupwiz ex' to %q", got)
	}
}
