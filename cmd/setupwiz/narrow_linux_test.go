package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// TestVerifyReportFitsANarrowTerminal: on a terminal of 60 columns the
// report of a wrong password (a long "What to do" among it) is wrapped
// between words to 60, so the terminal never breaks a word itself.
func TestVerifyReportFitsANarrowTerminal(t *testing.T) {
	srv := mailtest.Shared(t)
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("wrong-"+srv.User("alice").Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := runOnPTY(t, 60, setupwizBinary(t), "verify", "--email", "alice@example.test",
		"--pop-host", srv.Host, "--pop-port", strconv.Itoa(srv.POP3S),
		"--smtp-host", srv.Host, "--smtp-port", strconv.Itoa(srv.Submissions),
		"--ca-file", srv.CAFile, "--password-file", pw)
	if !strings.Contains(out, "What to do:") {
		t.Fatalf("no advice in the report:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > 60 {
			t.Errorf("line of %d columns on a 60-column terminal: %q", n, l)
		}
	}
}

// runOnPTY runs bin on a terminal width columns wide until it ends and
// returns what it printed, its colours and carriage returns taken out.
func runOnPTY(t *testing.T, width int, bin string, args ...string) string {
	t.Helper()
	p := startOnPTYSized(t, width, 24, wizardEnv(t), bin, args...)
	defer p.master.Close()
	kill := time.AfterFunc(ptyWait, func() { _ = p.cmd.Process.Kill() })
	defer kill.Stop()
	var seen []byte
	for chunk := range p.out { // ends when the program has closed the terminal
		seen = append(seen, chunk...)
	}
	_ = p.cmd.Wait()
	return strings.ReplaceAll(ansi.Strip(string(seen)), "\r", "")
}
