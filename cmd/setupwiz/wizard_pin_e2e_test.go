package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// argsWithoutCA are the run's arguments with the harness CA left out: the
// server's certificate is then not trusted.
func (r *wizardRun) argsWithoutCA(extra ...string) []string {
	args := slices.Clone(r.args(extra...))
	i := slices.Index(args, "--ca-file")
	return slices.Delete(args, i, i+2)
}

// pinInTmux walks to the untrusted certificate, presses t, checks the
// question repeats the fingerprint, and answers y; it returns the pane on
// the login screen after the check passed.
func pinInTmux(t *testing.T, r *wizardRun, args []string) *tmuxPane {
	t.Helper()
	p := startTmux(t, 80, 24, r.env(), append([]string{setupwizBinary(t)}, args...)...)
	p.waitFor("step 1 of 7")
	p.keys("Enter", "Enter")
	p.waitFor("step 2 of 7")
	p.paste(r.pwFile)
	p.waitFor("••••")
	p.keys("Enter")
	p.waitFor("Using the servers you gave")
	p.keys("Enter")
	p.waitFor("t trust this certificate")
	p.keys("t")
	q := p.waitFor("Trust this certificate from now on?")
	saveCapture(t, "4-verify-pin", q)
	if !strings.Contains(q, "SHA-256") || !strings.Contains(q, "Press y to trust it") {
		t.Errorf("the question does not repeat the fingerprint:\n%s", q)
	}
	p.keys("y")
	p.waitFor("Both servers accepted the login")
	return p
}

// TestWizardInTmuxAsksBeforePinning: t asks first, repeating the
// fingerprint; y trusts it and the login passes.
func TestWizardInTmuxAsksBeforePinning(t *testing.T) {
	mailtest.NeedTool(t, "tmux")
	r := newWizardRun(t)
	p := pinInTmux(t, r, r.argsWithoutCA())
	p.keys("C-c")
	p.waitFor("EXIT=130")
}
