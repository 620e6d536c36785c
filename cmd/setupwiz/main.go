// Command setupwiz sets up a POP3 + SMTP mail account: it finds the servers,
// logs in to both for real, explains failures, and writes configuration for
// Thunderbird, mutt, fetchmail and Apple devices. Run again, it repairs.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/setupwiz/setupwiz/internal/termtext"
)

// version is set by the linker (-X main.version=…).
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := newEnv()
	finished := endAfterInterrupt(ctx, interruptGrace, keepTerminal(e), os.Stderr, os.Exit)
	code := run(ctx, os.Args[1:], e)
	finished()
	stop()
	os.Exit(code)
}

// env is everything the commands may touch of the outside world. Only main builds it.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// stdinIsTerminal / stderrIsTerminal decide between the TUI and line mode.
	stdinIsTerminal  bool
	stderrIsTerminal bool
}

func newEnv() *env {
	return &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdinIsTerminal: isTerminal(os.Stdin), stderrIsTerminal: isTerminal(os.Stderr),
	}
}

// run executes the command line args and returns the process status.
func run(ctx context.Context, args []string, e *env) int {
	interruptibleStdin(ctx, e)
	root := newRootCmd(e)
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	root.SetFlagErrorFunc(flagErrors(args))
	return exitCode(root.ExecuteContext(ctx), e)
}

// usageError is bad input from the user: exit 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// failedError means the operation ran but the account is not working: exit 1.
// Its message has already been reported when msg is empty.
type failedError struct{ msg string }

func (f failedError) Error() string { return f.msg }

// errInterrupted is returned when the user pressed ctrl+c.
var errInterrupted = errors.New("interrupted")

// exitCode maps an error to the process status and prints it: 0 ok, 1 failed,
// 2 usage or input error, 130 interrupted.
func exitCode(err error, e *env) int {
	var ue usageError
	var fe failedError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		reportError(e, ue.msg)
		return 2
	case isInputError(err):
		fmt.Fprintln(e.stderr, "setupwiz:", err)
		return 2
	case errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
		reportError(e, "interrupted")
		return 130
	case errors.As(err, &fe):
		if fe.msg != "" {
			reportError(e, fe.msg)
		}
		return 1
	default:
		reportError(e, err.Error())
		return 1
	}
}

// reportError prints "setupwiz: msg" on standard error, the prefix in red on
// a terminal. msg may quote a file or a server: what could steer the
// terminal is escaped (the styled writer would only strip it off a pipe,
// and pass it to a terminal).
func reportError(e *env, msg string) {
	fmt.Fprintln(styledWriter(e.stderr, e), newTextStyle().errPrefix.Render("setupwiz:"), termtext.Lines(msg))
}
