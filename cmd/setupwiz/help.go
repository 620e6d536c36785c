package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const overview = `setupwiz sets up a POP3 + SMTP mail account: it finds the servers, logs in to
both for real, explains what is wrong, and writes configuration for Thunderbird,
mutt, fetchmail and Apple devices. Run again, it repairs a broken profile.

Usage:
  setupwiz [flags]                start the wizard (account flags pre-fill it)
  setupwiz <command> [flags]
  setupwiz --version              print the version

Commands:
`

// wizardSummary is what `setupwiz help wizard` says the wizard does.
const wizardSummary = "set up an account step by step: find the servers, log in, write the files"

// helpFunc is every command's --help: the overview for the root, the
// command's usage otherwise, styled when standard output is a terminal.
func helpFunc(e *env) func(*cobra.Command, []string) {
	return func(c *cobra.Command, _ []string) {
		if c.HasParent() {
			writeUsage(styledWriter(c.OutOrStdout(), e), c)
			return
		}
		writeOverview(styledWriter(c.OutOrStdout(), e), c)
	}
}

// newHelpCmd is `setupwiz help [COMMAND]`; `help wizard` shows the wizard's flags.
func newHelpCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "show the help of a command (or of the wizard: help wizard)",
		Args:  maxOneArg("COMMAND"),
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return append(commandNames(c.Root()), "wizard"), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			root, w := c.Root(), styledWriter(c.OutOrStdout(), e)
			switch {
			case len(args) == 0:
				writeOverview(w, root)
			case args[0] == "wizard":
				writeUsage(w, root)
			default:
				sub, _, err := root.Find(args)
				if err != nil || sub == root || sub.Name() != args[0] {
					return usagef("no help for %q: not a command (see 'setupwiz --help')", args[0])
				}
				writeUsage(w, sub)
			}
			return nil
		},
	}
}

// commandNames lists the commands a user can run.
func commandNames(root *cobra.Command) []string {
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return names
}

func writeOverview(w io.Writer, root *cobra.Command) {
	st := newTextStyle()
	fmt.Fprint(w, strings.NewReplacer("\nUsage:", "\n"+st.heading.Render("Usage:"),
		"\nCommands:", "\n"+st.heading.Render("Commands:")).Replace(overview))
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			fmt.Fprintf(w, "  %s %s\n", st.flag.Render(fmt.Sprintf("%-10s", c.Name())), c.Short)
		}
	}
	fmt.Fprint(w, "\nRun 'setupwiz help <command>' for its flags and examples, 'setupwiz help wizard'\n"+
		"for the wizard's. Long flags take two dashes: --json, not -json.\n")
}

// writeUsage is a command's help: how to call it, what it does, every flag
// with its argument and default, and the examples.
func writeUsage(w io.Writer, c *cobra.Command) {
	st := newTextStyle()
	fmt.Fprintf(w, "%s %s\n", st.heading.Render("Usage:"), c.UseLine())
	if s := commandSummary(c); s != "" {
		fmt.Fprintln(w)
		wrapIndent(w, "", "", strings.ToUpper(s[:1])+s[1:]+".")
	}
	visibleFlags(c, func(f *pflag.Flag) {
		if f == firstFlag(c) {
			fmt.Fprintf(w, "\n%s\n", st.heading.Render("Flags:"))
		}
		writeFlag(w, f, st)
	})
	writeExamples(w, c.Example, st)
}

func commandSummary(c *cobra.Command) string {
	if !c.HasParent() {
		return wizardSummary
	}
	return c.Short
}

// visibleFlags calls fn for each of c's own flags that help lists, in
// alphabetical order (--help and --version are left out).
func visibleFlags(c *cobra.Command, fn func(*pflag.Flag)) {
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && f.Name != "help" && f.Name != "version" {
			fn(f)
		}
	})
}

// firstFlag is the first flag help lists, or nil.
func firstFlag(c *cobra.Command) *pflag.Flag {
	var first *pflag.Flag
	visibleFlags(c, func(f *pflag.Flag) {
		if first == nil {
			first = f
		}
	})
	return first
}

// writeFlag prints "  --name ARG" and the explanation under it, wrapped.
func writeFlag(w io.Writer, f *pflag.Flag, st textStyle) {
	fmt.Fprintln(w, "  "+st.flag.Render(flagHead(f)))
	_, usage := pflag.UnquoteUsage(f)
	wrapIndent(w, "      ", "      ", usage+defaultWords(f))
}

// flagHead is how the flag is written: --name, then its argument unless it is a switch.
func flagHead(f *pflag.Flag) string {
	head := "--" + f.Name
	if f.Shorthand != "" {
		head = "-" + f.Shorthand + ", " + head
	}
	if arg, _ := pflag.UnquoteUsage(f); arg != "" && f.NoOptDefVal == "" {
		head += " " + argWord(arg)
	}
	return head
}

// argWord names a flag's argument when its usage does not (`NAME` in it).
func argWord(typ string) string {
	switch typ {
	case "string", "stringArray", "value":
		return "TEXT"
	case "int", "uint":
		return "N"
	case "duration":
		return "DURATION"
	}
	return typ
}

// defaultWords says what an unset flag means, when that is not nothing.
func defaultWords(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "0", "false", "0s", "[]":
		return ""
	case "true":
		return fmt.Sprintf(" (default: on; --%s=false turns it off)", f.Name)
	}
	return fmt.Sprintf(" (default %s)", f.DefValue)
}

// writeExamples prints the example lines, each command indented under its
// comment and wrapped with shell line continuations.
func writeExamples(w io.Writer, example string, st textStyle) {
	if example == "" {
		return
	}
	lines := strings.Split(example, "\n")
	heading := "Examples:"
	if len(lines) == 1 {
		heading = "Example:"
	}
	fmt.Fprintf(w, "\n%s\n", st.heading.Render(heading))
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			if i > 0 && !strings.HasPrefix(lines[i-1], "#") {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "  %s\n", st.comment.Render(l))
			continue
		}
		writeShellLine(w, l, textWidth(w))
	}
}

// writeShellLine prints a command indented by two spaces within width
// columns, breaking it with " \\" only at spaces outside quotes, so that it
// still pastes into a shell. A trailing comment goes on its own line above
// the command.
func writeShellLine(w io.Writer, cmd string, width int) {
	words := shellWords(cmd)
	if n := len(words); n > 0 && strings.HasPrefix(words[n-1], "#") {
		wrapIndent(w, "  # ", "  # ", strings.TrimPrefix(words[n-1], "#"))
		words = words[:n-1]
	}
	line := "  "
	for _, word := range flagUnits(words) {
		if len([]rune(line))+1+len([]rune(word)) > width-2 && strings.TrimSpace(line) != "" {
			fmt.Fprintln(w, line+" \\")
			line = "     "
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	fmt.Fprintln(w, line)
}

// flagUnits joins each flag with the value after it, so that no line break
// separates them.
func flagUnits(words []string) []string {
	var units []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if strings.HasPrefix(w, "-") && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") && words[i+1] != "|" {
			w += " " + words[i+1]
			i++
		}
		units = append(units, w)
	}
	return units
}

// shellWords splits cmd at the spaces that are not inside quotes.
func shellWords(cmd string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	for i, c := range cmd {
		switch {
		case quote == 0 && c == '#' && cur.Len() == 0:
			return append(words, strings.TrimSpace(cmd[i:]))
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
		case quote == 0 && c == ' ':
			if cur.Len() > 0 {
				words = append(words, cur.String())
			}
			cur.Reset()
			continue
		}
		cur.WriteRune(c)
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}
