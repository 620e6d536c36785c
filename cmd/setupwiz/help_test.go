package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// helpText runs `setupwiz help <cmd>` and returns its output and status.
func helpText(t *testing.T, args ...string) (string, int) {
	t.Helper()
	code, stdout, stderr := runArgs(t, append([]string{"help"}, args...)...)
	return stdout + stderr, code
}

// TestHelpEveryCommand: each command (and the wizard) has help with a usage
// line, its flags spelled with --, an example, and nothing wider than 80 columns.
func TestHelpEveryCommand(t *testing.T) {
	names := append([]string{"wizard"}, commandNames(testRoot())...)
	if len(names) < 9 {
		t.Fatalf("commands: %v", names)
	}
	for _, name := range names {
		text, code := helpText(t, name)
		if code != 0 || !strings.HasPrefix(text, "Usage: setupwiz") || !strings.Contains(text, "\nExample") {
			t.Errorf("help %s: exit %d\n%s", name, code, text)
		}
		if name != "completion" && !strings.Contains(text, "\nFlags:\n  --") {
			t.Errorf("help %s lists no flags:\n%s", name, text)
		}
		for _, l := range strings.Split(text, "\n") {
			if n := len([]rune(l)); n > reportWidth {
				t.Errorf("help %s: line of %d columns: %q", name, n, l)
			}
		}
	}
	if text, _ := helpText(t); !strings.Contains(text, "help wizard") {
		t.Errorf("overview:\n%s", text)
	}
}

// TestHelpVerifyExplainsEveryFlag: every verify flag that takes a value has
// an example or a default in its explanation, and each flag the issue names
// is there.
func TestHelpVerifyExplainsEveryFlag(t *testing.T) {
	text, _ := helpText(t, "verify")
	flags := strings.Split(text[strings.Index(text, "Flags:"):strings.Index(text, "Examples:")], "\n  --")[1:]
	for _, f := range flags {
		head, _, _ := strings.Cut(f, "\n")
		if strings.Contains(head, " ") && !strings.Contains(f, "e.g.") && !strings.Contains(f, "(default") {
			t.Errorf("no example for --%s", f)
		}
	}
	for _, want := range []string{"email", "name", "username", "pop-host", "pop-port", "pop-security", "smtp-host",
		"smtp-port", "smtp-security", "leave-on-server", "keep-days", "delete-when-deleted", "ca-file", "pin-sha256",
		"allow-plaintext", "timeout", "send-test", "transcript", "password-stdin", "password-file", "json", "dns-server"} {
		if !strings.Contains(text, "\n  --"+want+"\n") && !strings.Contains(text, "\n  --"+want+" ") {
			t.Errorf("help verify lacks --%s", want)
		}
	}
	if strings.Contains(text, "--ispdb-url") {
		t.Error("help verify offers --ispdb-url, which verify does not use")
	}
}

func TestHelpUnknownCommand(t *testing.T) {
	if text, code := helpText(t, "frobnicate"); code != 2 || !strings.Contains(text, "not a command") {
		t.Errorf("exit %d: %s", code, text)
	}
}

// TestExampleLinesPasteIntoAShell: a long example breaks only between
// flag-and-value units outside quotes, each broken line ending in " \".
func TestExampleLinesPasteIntoAShell(t *testing.T) {
	cmd := `printf '%s\n' "$PASS" | setupwiz export --fetchmail-mda "/usr/bin/procmail -d %T" --email jane@example.org ` +
		`--pop-host pop.example.org --smtp-host smtp.example.org --password-stdin --format thunderbird,mutt,fetchmail`
	var b bytes.Buffer
	writeShellLine(&b, cmd, reportWidth)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	var joined []string
	for i, l := range lines {
		if len([]rune(l)) > reportWidth {
			t.Errorf("line %d is %d columns", i, len([]rune(l)))
		}
		if i < len(lines)-1 && !strings.HasSuffix(l, " \\") {
			t.Errorf("line %d has no continuation: %q", i, l)
		}
		joined = append(joined, strings.TrimSpace(strings.TrimSuffix(l, " \\")))
	}
	if got := strings.Join(joined, " "); got != cmd {
		t.Errorf("rejoined:\n%s\nwant:\n%s", got, cmd)
	}
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, `--fetchmail-mda "/usr/bin/procmail -d %T"`) }) {
		t.Errorf("a quoted value or its flag was split:\n%s", b.String())
	}
}

// TestExampleTrailingComment: a comment after a command moves above it, so
// that no line continuation ends up inside the comment.
func TestExampleTrailingComment(t *testing.T) {
	var b bytes.Buffer
	writeShellLine(&b, "setupwiz repair jane@spectrum.net --json   # diagnose only; 'quoted' words stay", reportWidth)
	want := "  # diagnose only; 'quoted' words stay\n  setupwiz repair jane@spectrum.net --json\n"
	if b.String() != want {
		t.Errorf("got:\n%swant:\n%s", b.String(), want)
	}
}
