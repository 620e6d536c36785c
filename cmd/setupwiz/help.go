package main

import (
	"flag"
	"fmt"
)

const overview = `setupwiz sets up a POP3 + SMTP mail account: it finds the servers, logs in to
both for real, explains what is wrong, and writes configuration for Thunderbird,
mutt, fetchmail and Apple devices. Run again, it repairs a broken profile.

Usage:
  setupwiz [account flags]        start the wizard (flags pre-fill it)
  setupwiz <command> [flags]

Commands:
`

func runHelp(args []string, e *env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, overview)
		for _, c := range commands() {
			fmt.Fprintf(e.stdout, "  %-10s %s\n", c.name, c.summary)
		}
		fmt.Fprint(e.stdout, "\nRun 'setupwiz help <command>' for its flags and an example.\n")
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(nil, []string{"-help"}, e)
		}
	}
	return usagef("no help for %q: not a command", args[0])
}

// parseFlags parses args and turns -help and flag errors into usage output.
// It returns errHelpShown (exit 0) after printing help.
func parseFlags(fs *flag.FlagSet, args []string, e *env, example string) error {
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: setupwiz %s [flags]\n\nFlags:\n", fs.Name())
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
		if example != "" {
			fmt.Fprintf(e.stdout, "\nExample:\n  %s\n", example)
		}
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelpShown
		}
		return usagef("%v (see 'setupwiz help %s')", err, fs.Name())
	}
	return nil
}
