package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func testRoot() *cobra.Command {
	return newRootCmd(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }})
}

// TestManPageFromTheCommandTree: every command and every flag --help knows
// is in the page, with the sections a man page needs, in order.
func TestManPageFromTheCommandTree(t *testing.T) {
	root := testRoot()
	page := manPage(root, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if !strings.HasPrefix(page, `.TH SETUPWIZ 1 2026-01-02 "setupwiz `+version+`" "User Commands"`+"\n") {
		t.Errorf("heading: %.100q", page)
	}
	at := 0
	for _, sec := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXAMPLES",
		`"EXIT STATUS"`, "ENVIRONMENT", "FILES", `"SEE ALSO"`} {
		i := strings.Index(page, "\n.SH "+sec+"\n")
		if i < at {
			t.Errorf("section %s missing or out of order", sec)
		}
		at = i
	}
	forEachCommand(root, func(c *cobra.Command) {
		if c.HasParent() && !c.IsAvailableCommand() {
			return
		}
		if c.HasParent() && !strings.Contains(page, "\n.SS "+quoteArg(c.UseLine())+"\n") {
			t.Errorf("no subsection for %s", c.UseLine())
		}
		visibleFlags(c, func(f *pflag.Flag) {
			if !strings.Contains(page, `\fB`+roffEscape("--"+f.Name)+`\fR`) {
				t.Errorf("%s: no --%s", c.Name(), f.Name)
			}
		})
	})
	for _, want := range []string{`\fB130\fR`, `\fBNO_COLOR\fR`, `\fBFETCHMAILHOME\fR`, `\fBXDG_CONFIG_HOME\fR`,
		`profiles/NAME.toml`, `\fB\-\-dns\-server\fR \fIADDR:PORT\fR`, `printf '%s\en'`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func quoteArg(s string) string {
	if strings.Contains(s, " ") {
		return `"` + s + `"`
	}
	return s
}

func TestRoffEscape(t *testing.T) {
	for in, want := range map[string]string{
		`--email`:           `\-\-email`,
		`printf '%s\n'`:     `printf '%s\en'`,
		`.hidden`:           `\&.hidden`,
		`'quoted' at start`: `\&'quoted' at start`,
	} {
		if got := roffEscape(in); got != want {
			t.Errorf("roffEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestManPageRenders: man(1) formats the page without a warning, at 80
// columns nothing is wider, no word is hyphenated, and flags keep ASCII
// hyphen-minus so that they paste into a shell.
func TestManPageRenders(t *testing.T) {
	mailtest.NeedTool(t, "man", "groff")
	path := filepath.Join(t.TempDir(), "setupwiz.1")
	if err := os.WriteFile(path, []byte(manPage(testRoot(), time.Now())), 0o644); err != nil {
		t.Fatal(err)
	}
	text := renderMan(t, path)
	for _, want := range []string{"SETUPWIZ(1)", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES",
		"--dns-server ADDR:PORT", "setupwiz repair [flags] [NAME]", "printf '%s\\n' \"$PASS\" | setupwiz verify"} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
	for i, l := range strings.Split(text, "\n") {
		if n := len([]rune(l)); n > 80 || strings.ContainsAny(l, "\u2010\u2212") {
			t.Errorf("line %d (%d columns): %q", i+1, n, l)
		}
	}
}

// renderMan formats a page file as man -l does at 80 columns and fails on
// any warning.
func renderMan(t *testing.T, path string) string {
	t.Helper()
	cmd := exec.Command("man", "--warnings", "-l", path)
	cmd.Env = append(os.Environ(), "MANWIDTH=80", "LC_ALL=C.UTF-8", "MANPAGER=cat", "PAGER=cat")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("man -l %s: %v\n%s", path, err, stderr.String())
	}
	return string(out)
}
