package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// bashCompletion is where Debian's bash-completion keeps its entry script.
const bashCompletion = "/usr/share/bash-completion/bash_completion"

// completeScript loads bash-completion and setupwiz's script the way a
// user's shell does, then completes the line in $LINE as a TAB press would
// and prints COMPREPLY, one entry a line.
const completeScript = `
source ` + bashCompletion + `
source <(setupwiz completion bash)
COMP_LINE=$LINE COMP_POINT=${#LINE} COMP_TYPE=9 COLUMNS=200
read -ra COMP_WORDS <<<"$LINE"
[[ $LINE == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
fn=$(complete -p setupwiz | sed -E 's/.*-F ([^ ]+).*/\1/')
"$fn" setupwiz "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
`

// completionShell is a directory with setupwiz on PATH, a profile store
// holding two profiles, and a few files to complete.
type completionShell struct {
	dir string
	env []string
}

func newCompletionShell(t *testing.T) completionShell {
	t.Helper()
	mailtest.NeedTool(t, "bash", bashCompletion)
	bin := filepath.Join(t.TempDir(), "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(setupwizBinary(t), filepath.Join(bin, "setupwiz")); err != nil {
		t.Fatal(err)
	}
	dir, config := t.TempDir(), t.TempDir()
	store := profile.Store{Dir: filepath.Join(config, "setupwiz")}
	for _, email := range []string{"jane@example.org", "work@example.com"} {
		if err := store.Save(profile.New(email, "")); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"company-ca.pem", "mailpass"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "mail-config"), 0o700); err != nil {
		t.Fatal(err)
	}
	return completionShell{dir, []string{"PATH=" + bin + ":" + os.Getenv("PATH"), "HOME=" + dir,
		"XDG_CONFIG_HOME=" + config, "LC_ALL=C.UTF-8"}}
}

// complete returns the first word of each COMPREPLY entry (with several
// choices, cobra adds each one's description after it).
func (s completionShell) complete(t *testing.T, line string) []string {
	t.Helper()
	cmd := exec.Command("bash", "--norc", "--noprofile", "-c", completeScript)
	cmd.Dir = s.dir
	cmd.Env = append(s.env, "LINE="+line)
	var stderr strings.Builder
	cmd.Stderr = &stderr // compopt complains outside a real TAB press
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("completing %q: %v\n%s%s", line, err, out, stderr.String())
	}
	var words []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			words = append(words, f[0])
		}
	}
	return words
}

// TestBashCompletion sources `setupwiz completion bash` with bash-completion
// loaded and checks what a TAB offers: commands, flags, and each kind of value.
func TestBashCompletion(t *testing.T) {
	s := newCompletionShell(t)
	cases := []struct {
		line string
		want []string
	}{
		{"setupwiz ex", []string{"export"}},
		{"setupwiz export --fo", []string{"--format"}},
		{"setupwiz export --format ", formatNames()},
		{"setupwiz export --format mutt,", []string{"mutt,thunderbird", "mutt,thunderbird-autoconfig", "mutt,fetchmail", "mutt,mobileconfig"}},
		{"setupwiz verify --pop-security ", []string{"tls", "starttls", "none"}},
		{"setupwiz --smtp-security st", []string{"starttls"}},
		{"setupwiz export --secret ", []string{"prompt", "keyring", "pass:", "command:"}},
		{"setupwiz export --secrets ", []string{"none", "inline", "command"}},
		{"setupwiz import --from ", []string{"fetchmail", "mobileconfig", "mutt", "thunderbird"}},
		{"setupwiz repair ", []string{"jane@example.org", "work@example.com"}},
		{"setupwiz repair w", []string{"work@example.com"}},
		{"setupwiz verify --ca-file comp", []string{"company-ca.pem"}},
		{"setupwiz export --password-file ma", []string{"mail-config", "mailpass"}},
		{"setupwiz export --out ", []string{"mail-config"}},
		{"setupwiz verify --email ", nil},
		{"setupwiz completion ", []string{"bash", "zsh", "fish"}},
	}
	for _, c := range cases {
		got := s.complete(t, c.line)
		if !sameSet(got, c.want) {
			t.Errorf("%q completes to %q, want %q", c.line, got, c.want)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
