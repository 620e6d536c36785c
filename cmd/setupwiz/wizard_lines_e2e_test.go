package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// runLines runs the real binary in line mode with args and answers piped
// in, and returns what it said on stderr and its exit status.
func runLines(t *testing.T, env []string, answers []string, args ...string) (string, int) {
	t.Helper()
	return runIn(t, "", env, answers, args...)
}

// runIn is runLines in the working directory dir ("" for the test's own).
func runIn(t *testing.T, dir string, env []string, answers []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(setupwizBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(strings.Join(answers, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return stderr.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stderr.String(), 0
}

// TestWizardLineModeListsFixedAnswers: editing the servers in line mode
// names the three security settings in the question, and discovery is one
// summary line; --verbose says what each source answered.
func TestWizardLineModeListsFixedAnswers(t *testing.T) {
	r := newWizardRun(t)
	edit := []string{r.password, "", "", "e", "", "", "", "", "", "", "", "", "", "", "y", ""}
	text, _ := runLines(t, r.env(), edit, r.args("--password-stdin")...)
	for _, want := range []string{"POP3 security (tls, starttls, none) [tls]:", "SMTP security (tls, starttls, none) [tls]:", "Asked 6 sources in "} {
		if !strings.Contains(text, want) {
			t.Errorf("line mode lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Source mx:") || strings.Contains(text, "connection refused") {
		t.Errorf("without --verbose discovery lists each source's error:\n%s", text)
	}
	verbose, _ := runLines(t, r.env(), edit[:4], r.args("--password-stdin", "--verbose")...)
	if !strings.Contains(verbose, "Source mx:") {
		t.Errorf("--verbose does not say what each source answered:\n%s", verbose)
	}
}

// TestWizardLineModeOffline: with a DNS server that knows no name at all
// (as offline), a provider from setupwiz's own table is not called a typo:
// its name could not be looked up. setupwiz verify says the same.
func TestWizardLineModeOffline(t *testing.T) {
	dns := startVerifyDNS(t, "nothing.invalid")
	r := newWizardRun(t)
	args := []string{"--email", "jane@gmail.com", "--password-stdin", "--dns-server", dns.addr, "--ispdb-url", "http://127.0.0.1:9/", "--out", r.out}
	text, code := runLines(t, r.env(), []string{r.password, "", "", "y", ""}, args...)
	if code != 2 || !strings.Contains(text, "The server name could not be looked up: this computer has no working network or DNS right now.") ||
		strings.Contains(text, "typo") {
		t.Errorf("exit %d; offline, a listed host is not said to be unreachable by lookup:\n%s", code, text)
	}
	cli, code := runLines(t, r.env(), []string{r.password}, "verify", "--email", "jane@gmail.com", "--pop-host", "pop.gmail.com",
		"--smtp-host", "smtp.gmail.com", "--password-stdin", "--dns-server", dns.addr)
	if code != 1 || !strings.Contains(cli, "could not be looked up") || strings.Contains(cli, "typo") {
		t.Errorf("setupwiz verify, exit %d:\n%s", code, cli)
	}
}
