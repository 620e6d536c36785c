package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapHangsInTheTextColumn(t *testing.T) {
	for _, c := range []struct {
		name, in    string
		width, hang int
		want        string
	}{
		{"a row goes on in its text column", "  [x] Apple profile demo@setupwiz.test.mobileconfig  new file", 60, 6,
			"  [x] Apple profile demo@setupwiz.test.mobileconfig  new\n      file"},
		{"a sentence's own lines further in", "Wrote Apple profile settings to /tmp/x/demo@setupwiz.test.mobileconfig.", 42, 2,
			"Wrote Apple profile settings to\n  /tmp/x/demo@setupwiz.test.mobileconfig."},
		{"hyphens are no break", "Or try it now: thunderbird -profile /tmp/mail-setup-aud5/thunderbird -no-remote", 40, 0,
			"Or try it now: thunderbird -profile\n/tmp/mail-setup-aud5/thunderbird\n-no-remote"},
		{"a word wider than the line is broken, not cut", strings.Repeat("x", 30), 20, 4,
			strings.Repeat("x", 16) + "\n    " + strings.Repeat("x", 14)},
		{"spaces inside stay", "run  mutt -F x", 40, 2, "run  mutt -F x"},
		{"too deep a hang is given up", "aaaa bbbb cccc dddd eeee", 12, 8, "aaaa bbbb\ncccc dddd\neeee"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Wrap(c.in, c.width, c.hang)
			if got != c.want {
				t.Errorf("Wrap(%d, %d) =\n%s\nwant\n%s", c.width, c.hang, got, c.want)
			}
			for _, l := range strings.Split(got, "\n") {
				if ansi.StringWidth(l) > c.width {
					t.Errorf("a line of %d columns: %q", ansi.StringWidth(l), l)
				}
			}
		})
	}
}

func TestWrapKeepsStylesAndLeavesPaddingAlone(t *testing.T) {
	styled := "\x1b[1mbold words here\x1b[m and more plain words"
	if got := ansi.Strip(Wrap(styled, 20, 2)); got != "bold words here and\n  more plain words" {
		t.Errorf("styled text wrapped as\n%s", got)
	}
	field := "  Port  995" + strings.Repeat(" ", 40) + "\x1b[7m \x1b[m"
	if got := Wrap(field, 30, 8); strings.Contains(got, "\n") {
		t.Errorf("a field's padding and cursor were moved to a line of their own: %q", got)
	}
}

func TestTextColumn(t *testing.T) {
	for line, want := range map[string]int{
		"plain text":                        0,
		"  indented":                        2,
		"› [x] Apple profile":               6,
		"  [ ] Thunderbird":                 6,
		"  ✓ mutt          muttrc":          4,
		"\x1b[1m›\x1b[m ✗ login failed":     4,
		"- a bullet":                        2,
		"  POP3 security  tls (a label)":    2,
		"✓ resolve        <1 ms  127.0.0.1": 2,
	} {
		if got := textColumn(line); got != want {
			t.Errorf("textColumn(%q) = %d, want %d", line, got, want)
		}
	}
}
