package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// onTerminal runs setupwiz with standard output and error on a terminal
// and returns what the terminal received.
func onTerminal(t *testing.T, environ map[string]string, args ...string) string {
	t.Helper()
	master, slave, err := openPTY(80, 24)
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	var got bytes.Buffer
	done := make(chan struct{})
	go func() { _, _ = io.Copy(&got, master); close(done) }()
	e := &env{stdin: strings.NewReader(""), stdout: slave, stderr: slave,
		getenv: func(k string) string { return environ[k] }}
	run(context.Background(), args, e)
	slave.Close()
	<-done
	return got.String()
}

// TestHelpAndErrorsStyledOnATerminal: on a terminal, headings are bold,
// flags coloured and the "setupwiz:" of an error red; NO_COLOR keeps the
// bold and drops the colours. (Piped help is plain: the other help tests.)
func TestHelpAndErrorsStyledOnATerminal(t *testing.T) {
	const bold, magenta, red = "\x1b[1mFlags:", "\x1b[35m--format FORMATS", "\x1b[1;31msetupwiz:"
	colour := map[string]string{"TERM": "xterm-256color"}
	if out := onTerminal(t, colour, "help", "export"); !strings.Contains(out, bold) || !strings.Contains(out, magenta) {
		t.Errorf("help on a terminal is not styled: %q", out)
	}
	if out := onTerminal(t, colour, "bogus"); !strings.Contains(out, red) {
		t.Errorf("an error on a terminal: %q", out)
	}
	noColour := map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}
	if out := onTerminal(t, noColour, "help", "export"); !strings.Contains(out, bold) || strings.Contains(out, "\x1b[35m") {
		t.Errorf("NO_COLOR: %q", out)
	}
}
