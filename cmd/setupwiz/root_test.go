package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runArgs runs setupwiz with args and no terminal, returning the status and both outputs.
func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string {
			if k == "HOME" || k == "XDG_CONFIG_HOME" {
				return t.TempDir()
			}
			return ""
		}}
	code = run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

// TestRootUsageErrors: whatever cobra or pflag reject is a usage error
// (exit 2) with one line on stderr that says what to do, and nothing on stdout.
func TestRootUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"expor"}, "did you mean export?"},
		{[]string{"--bogus"}, "unknown flag: --bogus (see 'setupwiz --help')"},
		{[]string{"-email", "jane@example.test"}, "-email: long flags take two dashes: --email"},
		{[]string{"export", "-unverified"}, "-unverified: long flags take two dashes: --unverified (see 'setupwiz help export')"},
		{[]string{"verify", "--timeout"}, "flag needs an argument"},
		{[]string{"verify", "--pop-port", "many"}, `invalid argument "many" for "--pop-port"`},
		{[]string{"discover"}, "give exactly one email address"},
		{[]string{"discover", "a@example.test", "b@example.test"}, "give exactly one email address"},
		{[]string{"repair", "a", "b"}, "takes at most one profile NAME"},
		{[]string{"profiles", "extra"}, `profiles takes no arguments, got "extra"`},
		{[]string{"completion", "tcsh"}, "name one shell: bash, zsh or fish"},
		{[]string{"help", "frobnicate"}, "not a command"},
	}
	for _, c := range cases {
		code, stdout, stderr := runArgs(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || stdout != "" || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want 2 and %q", c.args, code, stderr, stdout, c.want)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if code, stdout, stderr := runArgs(t, args...); code != 0 || stdout != "setupwiz "+version+"\n" || stderr != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// TestHelpFlagAndCommandAgree: --help after a command and `help COMMAND`
// print the same text on stdout; --help alone prints the overview.
func TestHelpFlagAndCommandAgree(t *testing.T) {
	for _, name := range []string{"verify", "repair", "completion"} {
		_, byFlag, _ := runArgs(t, name, "--help")
		_, byCommand, _ := runArgs(t, "help", name)
		if byFlag == "" || byFlag != byCommand {
			t.Errorf("%s --help:\n%s\nhelp %s:\n%s", name, byFlag, name, byCommand)
		}
	}
	if code, stdout, _ := runArgs(t, "--help"); code != 0 || !strings.Contains(stdout, "Commands:\n  verify") {
		t.Errorf("--help: exit %d\n%s", code, stdout)
	}
	if _, stdout, _ := runArgs(t, "help", "wizard"); !strings.HasPrefix(stdout, "Usage: setupwiz [flags]\n") ||
		!strings.Contains(stdout, "--ispdb-url URL") {
		t.Errorf("help wizard:\n%s", stdout)
	}
}
