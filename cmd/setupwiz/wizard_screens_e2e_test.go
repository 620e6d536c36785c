package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// walkToVerified starts the wizard in a w×h pane and goes as far as the
// login screen; it returns the pane showing the outcome of the check.
func walkToVerified(t *testing.T, r *wizardRun, w, h int, args []string) (*tmuxPane, string) {
	t.Helper()
	p := startTmux(t, w, h, r.env(), append([]string{setupwizBinary(t)}, args...)...)
	r.toLogin(p)
	return p, p.waitFor("Both servers accepted the login")
}

// TestWizardInTmuxSmallScreens: at 80×24 and 60×20 the outcome of the
// login is in sight when the check ends, a row of the export screen that
// wraps goes on in its text column, the done screen scrolls to its last
// next step, and the next steps stay in the terminal after the wizard has
// gone, wrapped between words by setupwiz (the terminal wraps no line),
// each fact's own lines further in.
func TestWizardInTmuxSmallScreens(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			r := newWizardRun(t)
			p, _ := walkToVerified(t, r, size[0], size[1], r.args())
			p.keys("Enter")
			p.waitFor("step 5 of 7")
			p.keys("Enter")
			p.waitFor("fetchmailrc")
			p.keys("Down", "Down", "Down", "Space") // the Apple profile too: four next steps
			checkFlushLeft(t, p.waitFor("[x] Apple profile"), "setupwiz", "Which mail programs", "Files go into", "enter ")
			p.keys("Enter")
			p.waitFor("is set up")
			for i := 0; i < 5 && !strings.Contains(p.screen(), "Apple: open"); i++ {
				p.keys("PageDown")
			}
			done := p.waitFor("Apple: open")
			saveCapture(t, fmt.Sprintf("7-done-end-%dx%d", size[0], size[1]), done)
			checkNextSteps(t, done)
			p.keys("Enter")
			p.waitFor("EXIT=0")
			after := p.scrollback()
			for _, want := range []string{"alice@example.test is set up.", "Next, fetchmail: run", "Next, Apple: open"} {
				if !strings.Contains(strings.Join(strings.Fields(after), " "), want) {
					t.Errorf("after the wizard the terminal lacks %q:\n%s", want, after)
				}
			}
			checkWrappedBySetupwiz(t, p, size[0], "is set up.", "EXIT=")
		})
	}
}

// checkFlushLeft fails when a line of screen starts in the first column
// without being one of the screen's own flush-left lines (those starting
// with one of own): a wrapped row that lost its column.
func checkFlushLeft(t *testing.T, screen string, own ...string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimRight(screen, "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "›") || startsWithAny(line, own) {
			continue
		}
		t.Errorf("a wrapped line starts in the first column: %q\n%s", line, screen)
	}
}

// checkNextSteps: on the done screen each next step starts two columns in
// ("  mutt: …"), and its wrapped lines four.
func checkNextSteps(t *testing.T, screen string) {
	t.Helper()
	_, steps, _ := strings.Cut(screen, "\nNext\n")
	for _, line := range strings.Split(steps, "\n") {
		if line == "" || !strings.HasPrefix(line, " ") {
			break // the scroll hint or the footer
		}
		if !startsWithAny(line, []string{"  Thunderbird: ", "  mutt: ", "  fetchmail: ", "  Apple: ", "    "}) {
			t.Errorf("a next step's line starts neither a step nor four columns in: %q\n%s", line, screen)
		}
	}
}

// checkWrappedBySetupwiz looks at what was printed between from and to
// once the terminal's own line wrapping is undone (capture-pane -J): no
// line is wider than the terminal, so the terminal broke none (mid-word),
// and a sentence that goes on is indented.
func checkWrappedBySetupwiz(t *testing.T, p *tmuxPane, width int, from, to string) {
	t.Helper()
	text := p.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "e2e")
	start, end := strings.Index(text, from), strings.LastIndex(text, to)
	if start < 0 || end < start {
		t.Fatalf("the terminal lacks %q … %q:\n%s", from, to, text)
	}
	for _, line := range strings.Split(text[start:end], "\n") {
		if n := len([]rune(line)); n > width {
			t.Errorf("the terminal wrapped a line of %d columns (mid-word): %q", n, line)
		}
	}
}

func startsWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// TestWizardInTmuxSaysABlockWasMerged: mutt's and fetchmail's own files
// already exist; setupwiz adds its block to them, and the done screen says
// so instead of "replaced", with next steps that need no -F or -f.
func TestWizardInTmuxSaysABlockWasMerged(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	home := filepath.Join(r.dir, "home")
	for name, content := range map[string]string{".muttrc": "set editor=vi\n", ".fetchmailrc": "set daemon 300\n"} {
		if err := os.MkdirAll(home, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(home, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	args := slices.Clone(r.args())
	i := slices.Index(args, "--out")
	args = slices.Delete(args, i, i+2) // into the real places under HOME
	p, _ := walkToVerified(t, r, 80, 24, args)
	p.keys("Enter")
	p.waitFor("step 5 of 7")
	p.keys("Enter")
	p.waitFor(".fetchmailrc")
	p.keys("Enter")
	screen := p.waitFor("is set up")
	last := screen
	if strings.Contains(screen, "pgdn") {
		p.keys("PageDown")
		last = p.waitFor("pgup")
		screen += last
	}
	saveCapture(t, "7-done-merged", last)
	for _, want := range []string{"merged in", "start mutt; it reads", "fetchmail -v  once"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the done screen lacks %q:\n%s", want, screen)
		}
	}
	for _, bad := range []string{"replaced", "mutt -F", "fetchmail -f"} {
		if strings.Contains(screen, bad) {
			t.Errorf("the done screen says %q for a merged file:\n%s", bad, screen)
		}
	}
	p.keys("Enter")
	p.waitFor("EXIT=0")
	if b, _ := os.ReadFile(filepath.Join(home, ".muttrc")); !strings.HasPrefix(string(b), "set editor=vi\n") {
		t.Errorf("~/.muttrc lost what was there:\n%s", b)
	}
}
