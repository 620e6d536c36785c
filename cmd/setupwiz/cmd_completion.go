package main

import (
	"slices"

	"github.com/spf13/cobra"
)

// completionShells are the shells `setupwiz completion` writes scripts for.
var completionShells = []string{"bash", "zsh", "fish"}

func init() { addCommand(80, newCompletionCmd) }

// newCompletionCmd is `setupwiz completion SHELL`: the script that teaches
// the shell setupwiz's commands, flags and their values (formats, security
// modes, where a password lives, saved profile names, file names).
func newCompletionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:                   "completion SHELL",
		DisableFlagsInUseLine: true,
		Short:                 "print the shell completion script for bash, zsh or fish",
		Example: `# bash (needs the bash-completion package), for this shell:
source <(setupwiz completion bash)
# zsh, for every new shell:
setupwiz completion zsh > "${fpath[1]}/_setupwiz"
# fish:
setupwiz completion fish > ~/.config/fish/completions/setupwiz.fish`,
		ValidArgs: completionShells,
		Args:      oneShell,
		RunE: func(c *cobra.Command, args []string) error {
			return writeCompletion(c.Root(), args[0], e)
		},
	}
}

// oneShell wants exactly one of the completion shells.
func oneShell(c *cobra.Command, args []string) error {
	if len(args) != 1 || !slices.Contains(completionShells, args[0]) {
		return usagef("completion: name one shell: bash, zsh or fish (see '%s')", helpHint(c))
	}
	return nil
}

// writeCompletion prints the script on standard output; descriptions of
// flags and values are included for the shells that show them.
func writeCompletion(root *cobra.Command, shell string, e *env) error {
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(e.stdout, true)
	case "zsh":
		return root.GenZshCompletion(e.stdout)
	}
	return root.GenFishCompletion(e.stdout, true)
}
