package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/setupwiz/setupwiz/internal/input"
)

// interruptGrace is how long a run has to wind down by itself after SIGINT
// or SIGTERM before the process ends anyway.
const interruptGrace = 500 * time.Millisecond

// interruptibleStdin makes reads of standard input end with the run's
// context when it is not a terminal: --password-stdin from a pipe whose
// writer never writes, or repair's prompt fed by a script, stop at ctrl+c
// or SIGTERM. A terminal stays the *os.File it is (the TUI switches it to
// raw mode; line mode's reads already watch the context), and what waits
// on it where no context reaches is ended by endAfterInterrupt.
func interruptibleStdin(ctx context.Context, e *env) {
	if !e.stdinIsTerminal {
		e.stdin = input.Interruptible(ctx, e.stdin)
	}
}

// endAfterInterrupt ends the process with status 130 when the run has not
// returned grace after ctx ended (SIGINT or SIGTERM). Every read setupwiz
// owns returns at once then, but some wait where no context reaches (a
// password prompt reading the terminal directly); restore first puts the
// terminal back as it was at the start, so echo is not left off. Call
// finished when the run has returned.
func endAfterInterrupt(ctx context.Context, grace time.Duration, restore func(), stderr io.Writer, exit func(int)) (finished func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		select {
		case <-done:
		case <-time.After(grace):
			restore()
			fmt.Fprintln(stderr, "\nsetupwiz: interrupted")
			exit(130)
		}
	}()
	return func() { close(done) }
}
