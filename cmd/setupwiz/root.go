package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// subcommand is one `setupwiz NAME`: where it stands in the overview and how
// to build it. Each cmd_<name>.go adds its own in an init function, so a new
// command is one new file.
type subcommand struct {
	rank  int
	build func(e *env) *cobra.Command
}

// subcommands is filled by the init functions of the cmd_<name>.go files and
// only read after that.
var subcommands []subcommand

// addCommand registers a subcommand; lower ranks come first in the overview.
func addCommand(rank int, build func(e *env) *cobra.Command) {
	subcommands = append(subcommands, subcommand{rank, build})
}

func init() {
	// The overview lists commands in the order of their ranks, not alphabetically.
	cobra.EnableCommandSorting = false
}

// newRootCmd builds the command tree. The root is the wizard itself:
// `setupwiz` and `setupwiz --email x` start it.
func newRootCmd(e *env) *cobra.Command {
	root := newWizardCmd(e)
	root.Version = version
	root.SetVersionTemplate("setupwiz {{.Version}}\n")
	root.SilenceErrors, root.SilenceUsage = true, true
	root.CompletionOptions.DisableDefaultCmd = true
	root.SuggestionsMinimumDistance = 2
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetHelpFunc(helpFunc(e))
	root.SetHelpCommand(newHelpCmd(e))
	for _, s := range slices.SortedStableFunc(slices.Values(subcommands), func(a, b subcommand) int { return cmp.Compare(a.rank, b.rank) }) {
		root.AddCommand(s.build(e))
	}
	addCompletions(root)
	return root
}

// flagErrors turns pflag's complaints about args into usage errors (exit 2)
// that name the command's help. A long flag given with one dash (-json) is
// pointed at its two-dash spelling.
func flagErrors(args []string) func(c *cobra.Command, err error) error {
	return func(c *cobra.Command, err error) error {
		var ne *pflag.NotExistError
		if errors.As(err, &ne) && ne.GetSpecifiedShortnames() != "" {
			if long := singleDashLong(c, args); long != "" {
				return usagef("-%s: long flags take two dashes: --%s (see '%s')", long, long, helpHint(c))
			}
		}
		return usagef("%v (see '%s')", err, helpHint(c))
	}
}

// singleDashLong finds an arg like -json or -timeout=5s that names one of
// c's long flags, and returns the name.
func singleDashLong(c *cobra.Command, args []string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if len(a) > 2 && a[0] == '-' && a[1] != '-' && c.Flags().Lookup(name) != nil {
			return name
		}
	}
	return ""
}

// helpHint is the command that shows c's help.
func helpHint(c *cobra.Command) string {
	if c.HasParent() {
		return "setupwiz help " + c.Name()
	}
	return "setupwiz --help"
}

// noArgs rejects positional arguments.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q (see '%s')", c.Name(), args[0], helpHint(c))
	}
	return nil
}

// maxOneArg allows at most one positional argument, named what.
func maxOneArg(what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > 1 {
			return usagef("%s takes at most one %s, got %q (see '%s')", c.Name(), what, args, helpHint(c))
		}
		return nil
	}
}

// unknownCommand is the root's argument check: the wizard takes only flags,
// so a word is a command that does not exist.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usagef("%s (see 'setupwiz --help')", msg)
}

// runSubcommand runs a freshly built command with args as if they were typed
// after its name: one command hands over to another with its own defaults.
func runSubcommand(ctx context.Context, c *cobra.Command, args ...string) error {
	if err := c.ParseFlags(args); err != nil {
		return flagErrors(args)(c, err)
	}
	c.SetContext(ctx)
	return c.RunE(c, c.Flags().Args())
}
