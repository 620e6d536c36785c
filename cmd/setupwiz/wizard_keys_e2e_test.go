package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// footer is the last non-empty line of a screen.
func footer(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	return lines[len(lines)-1]
}

// TestWizardInTmuxKeys: at 80 columns every footer of the seven screens
// ends with the help key, in the same words everywhere ("all keys"), and
// quit, whole; f1 lists every key of the first screen (tab between the
// fields, ctrl+r to repair a saved profile), and esc closes that help. The
// first screen offers no "esc back": there is nothing before it.
func TestWizardInTmuxKeys(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	saved := profile.New("old@example.test", "")
	if err := (profile.Store{Dir: filepath.Join(r.dir, "config", "setupwiz")}).Save(saved); err != nil {
		t.Fatal(err)
	}
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, r.args()...)...)
	checkFooter := func(screen, helpKey string) {
		t.Helper()
		f := footer(screen)
		if !strings.HasSuffix(f, helpKey+" all keys • ctrl+c quit") {
			t.Errorf("footer %q does not end with %s all keys and ctrl+c quit:\n%s", f, helpKey, screen)
		}
	}
	first := p.waitFor("step 1 of 7")
	checkFooter(first, "f1")
	if strings.Contains(footer(first), "esc back") {
		t.Errorf("the first screen offers esc back: %q", footer(first))
	}
	p.keys("F1")
	keys := p.waitFor("Keys on this screen")
	saveCapture(t, "1-account-keys", keys)
	for _, want := range []string{"tab", "next field", "shift+tab", "ctrl+r", "repair a saved profile", "ctrl+c"} {
		if !strings.Contains(keys, want) {
			t.Errorf("the help lacks %q:\n%s", want, keys)
		}
	}
	p.keys("Escape")
	p.waitFor("Which mail account")
	p.keys("Enter", "Enter")
	checkFooter(p.waitFor("Using the servers you gave"), "?")
	p.keys("Enter")
	checkFooter(p.waitFor("step 3 of 7"), "f1")
	p.paste(r.pwFile)
	p.waitFor("••••")
	p.keys("Enter")
	checkFooter(p.waitFor("Both servers accepted the login"), "?")
	p.keys("Enter")
	checkFooter(p.waitFor("step 5 of 7"), "?")
	p.keys("Enter")
	checkFooter(p.waitFor("fetchmailrc"), "?")
	p.keys("?")
	export := p.waitFor("Keys on this screen")
	for _, want := range []string{"write files", "show diff", "tick or untick", "change it"} {
		if !strings.Contains(export, want) {
			t.Errorf("the export help lacks %q:\n%s", want, export)
		}
	}
	p.keys("Escape")
	p.waitFor("Which mail programs")
	p.keys("Enter")
	checkFooter(p.waitFor("is set up"), "?")
	p.keys("C-c")
	p.waitFor("EXIT=130")
}
