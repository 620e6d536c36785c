package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
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

func runHelp(args []string, e *env) error {
	if len(args) == 0 {
		writeOverview(e.stdout)
		return nil
	}
	if args[0] == "wizard" {
		return runWizard(nil, []string{"-help"}, e)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(nil, []string{"-help"}, e)
		}
	}
	return usagef("no help for %q: not a command (see 'setupwiz --help')", args[0])
}

func writeOverview(w io.Writer) {
	fmt.Fprint(w, overview)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'setupwiz help <command>' for its flags and examples, 'setupwiz help wizard'\n"+
		"for the wizard's. Flags take one or two dashes: --json and -json are the same.\n")
}

// parseFlags parses args and turns -help and flag errors into usage output.
// It returns errHelpShown (exit 0) after printing help. example may hold
// several lines; lines starting with # describe the line after them.
// A malformed flag gets one line naming it, not the whole help: the flag
// package's own printing is silenced and the error reported once.
func parseFlags(fs *flag.FlagSet, args []string, e *env, example string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			writeUsage(e.stdout, fs, example)
			return errHelpShown
		}
		return usagef("%v (see 'setupwiz help %s')", err, fs.Name())
	}
	return nil
}

// writeUsage is a command's help: how to call it, what it does, every flag
// with its argument and default, and the examples.
func writeUsage(w io.Writer, fs *flag.FlagSet, example string) {
	fmt.Fprintf(w, "Usage: %s\n\n", usageLine(fs.Name()))
	if s := commandSummary(fs.Name()); s != "" {
		wrapIndent(w, "", "", strings.ToUpper(s[:1])+s[1:]+".")
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Flags:")
	fs.VisitAll(func(f *flag.Flag) { writeFlag(w, f) })
	writeExamples(w, example)
}

// usageLine is how a command is called, with its arguments.
func usageLine(name string) string {
	switch name {
	case "wizard":
		return "setupwiz [flags]"
	case "discover":
		return "setupwiz discover [flags] EMAIL"
	case "repair":
		return "setupwiz repair [flags] [NAME]"
	case "import":
		return "setupwiz import [flags] [PATH]"
	}
	return "setupwiz " + name + " [flags]"
}

func commandSummary(name string) string {
	if name == "wizard" {
		return wizardSummary
	}
	for _, c := range commands() {
		if c.name == name {
			return c.summary
		}
	}
	return ""
}

// writeFlag prints "  --name ARG" and the explanation under it, wrapped.
func writeFlag(w io.Writer, f *flag.Flag) {
	arg, usage := flag.UnquoteUsage(f)
	head := "  --" + f.Name
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
		head += " " + argWord(arg)
	}
	fmt.Fprintln(w, head)
	wrapIndent(w, "      ", "      ", usage+defaultWords(f))
}

// argWord names a flag's argument when its usage does not (`NAME` in it).
func argWord(typ string) string {
	switch typ {
	case "string", "value":
		return "TEXT"
	case "int", "uint":
		return "N"
	case "duration":
		return "DURATION"
	}
	return typ
}

// defaultWords says what an unset flag means, when that is not nothing.
func defaultWords(f *flag.Flag) string {
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
func writeExamples(w io.Writer, example string) {
	if example == "" {
		return
	}
	lines := strings.Split(example, "\n")
	if len(lines) == 1 {
		fmt.Fprintln(w, "\nExample:")
	} else {
		fmt.Fprintln(w, "\nExamples:")
	}
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			if i > 0 && !strings.HasPrefix(lines[i-1], "#") {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "  %s\n", l)
			continue
		}
		writeShellLine(w, l)
	}
}

// writeShellLine prints a command at the report width, breaking it with
// " \\" only at spaces outside quotes, so that it still pastes into a shell.
// A trailing comment goes on its own line above the command.
func writeShellLine(w io.Writer, cmd string) {
	words := shellWords(cmd)
	if n := len(words); n > 0 && strings.HasPrefix(words[n-1], "#") {
		wrapIndent(w, "  #", "  #", strings.TrimPrefix(words[n-1], "#"))
		words = words[:n-1]
	}
	line := "  "
	for _, word := range flagUnits(words) {
		if len([]rune(line))+1+len([]rune(word)) > reportWidth-2 && strings.TrimSpace(line) != "" {
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
