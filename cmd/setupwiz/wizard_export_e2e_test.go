package main

import (
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestWizardInTmuxKeepsTheTicks: cycling "Password in files" through
// command (no command typed yet: mutt cannot be written so) and back to
// none leaves mutt ticked; while it cannot be written, its row says why.
func TestWizardInTmuxKeepsTheTicks(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	p, _ := walkToVerified(t, r, 80, 24, r.args())
	p.keys("Enter")
	p.waitFor("step 5 of 7")
	p.keys("Enter")
	p.waitFor("fetchmailrc")
	p.keys("Down", "Down", "Down", "Down") // the password row
	p.waitFor("(space: change)")
	p.keys("Space")
	p.waitFor("written into the files")
	p.keys("Space")
	p.waitFor("printed by a command")
	screen := p.waitFor("needs the password command") // mutt's plan failed: its row says why
	if mutt := rowOf(screen, "mutt"); !strings.Contains(mutt, "[x]") {
		t.Errorf("with no command yet, mutt was unticked: %q\n%s", mutt, screen)
	}
	p.keys("Space")
	p.waitFor("none: each program asks")
	screen = p.waitFor("muttrc  new file") // planned again
	if mutt := rowOf(screen, "mutt"); !strings.Contains(mutt, "[x]") || !strings.Contains(mutt, "muttrc") {
		t.Errorf("after cycling back to none mutt is %q:\n%s", mutt, screen)
	}
	p.keys("C-c")
	p.waitFor("EXIT=130")
}

// rowOf is the first line of screen that mentions what.
func rowOf(screen, what string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, what) {
			return l
		}
	}
	return ""
}
