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
)

// version is set by the linker (-X main.version=…).
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newEnv())
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

// command is one subcommand. run returns an error that exitCode maps to a status.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, e *env) error
}

// commands lists every subcommand; each lives in its own cmd_<name>.go file.
func commands() []command {
	return []command{
		{"verify", "log in to the POP3 and SMTP servers and report what works", runVerify},
		{"discover", "find the servers for an email address", runDiscover},
		{"export", "write configuration for Thunderbird, mutt, fetchmail, Apple devices", runExport},
		{"repair", "check a saved profile and fix what broke", runRepair},
		{"profiles", "list saved profiles", runProfiles},
		{"import", "read an existing client configuration into a profile", runImport},
		{"demo", "try the whole wizard against a built-in demo mail server", runDemo},
	}
}

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		return exitCode(runWizard(ctx, nil, e), e)
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintln(e.stdout, "setupwiz", version)
		return 0
	case "--help", "-help", "-h", "help":
		return exitCode(runHelp(args[1:], e), e)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(c.run(ctx, args[1:], e), e)
		}
	}
	if len(args[0]) > 0 && args[0][0] == '-' {
		// Flags without a subcommand seed the wizard.
		return exitCode(runWizard(ctx, args, e), e)
	}
	return exitCode(usagef("unknown command %q (see 'setupwiz --help')", args[0]), e)
}

// usageError is bad input from the user: exit 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// failedError means the operation ran but the account is not working: exit 1.
// Its message has already been reported when msg is empty.
type failedError struct{ msg string }

func (f failedError) Error() string { return f.msg }

// errHelpShown means -help printed the usage: exit 0.
var errHelpShown = errors.New("help shown")

// errInterrupted is returned when the user pressed ctrl+c.
var errInterrupted = errors.New("interrupted")

// exitCode maps an error to the process status and prints it: 0 ok, 1 failed,
// 2 usage or input error, 130 interrupted.
func exitCode(err error, e *env) int {
	var ue usageError
	var fe failedError
	switch {
	case err == nil, errors.Is(err, errHelpShown):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(e.stderr, "setupwiz:", ue.msg)
		return 2
	case errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "setupwiz: interrupted")
		return 130
	case errors.As(err, &fe):
		if fe.msg != "" {
			fmt.Fprintln(e.stderr, "setupwiz:", fe.msg)
		}
		return 1
	default:
		fmt.Fprintln(e.stderr, "setupwiz:", err)
		return 1
	}
}
