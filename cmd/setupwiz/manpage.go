package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// manPage renders setupwiz(1) in roff (man(7) macros) from the command tree
// --help reads too: the wizard's flags, every command with its usage, flags
// and examples, then the sections only a man page has. date dates the page.
//
// It is written here rather than with mango (muesli/mango v0.2.0, which
// fang uses): mango leaves the first option of each command untagged, sorts
// the commands alphabetically, fills example commands as prose and stamps
// the build time into the page.
func manPage(root *cobra.Command, date time.Time) string {
	var m manWriter
	m.request("TH", "SETUPWIZ", "1", date.Format("2006-01-02"), "setupwiz "+version, "User Commands")
	m.request("nr", "HY", "0") // no hyphenation, also after .EE: flags and paths stay whole
	m.request("nh")
	m.request("ad l") // no spreading between words
	m.section("NAME")
	m.text(root.Name() + " - " + root.Short)
	m.section("SYNOPSIS")
	m.raw(`\fBsetupwiz\fR [\fIflags\fR]` + "\n.br\n" + `\fBsetupwiz\fR \fICOMMAND\fR [\fIflags\fR] [\fIARGUMENT\fR]`)
	m.section("DESCRIPTION")
	m.paragraphs(manDescription())
	m.section("OPTIONS")
	m.text("Without a command, these flags pre-fill the wizard.")
	m.flags(root)
	m.section("COMMANDS")
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			m.command(c)
		}
	}
	m.section("EXAMPLES")
	m.example(root.Example)
	for _, s := range manSections() {
		m.section(s.title)
		for _, it := range s.items {
			m.request("TP")
			m.raw(`\fB` + roffEscape(it.term) + `\fR`)
			m.text(it.text)
		}
	}
	return m.b.String()
}

// manDescription is the overview's first paragraph and how the wizard is chosen.
func manDescription() []string {
	intro, _, _ := strings.Cut(overview, "\n\n")
	return []string{strings.Join(strings.Fields(intro), " "),
		"Without a command, setupwiz starts the wizard: full-screen on a terminal, numbered prompts " +
			"otherwise (--lines, ACCESSIBLE=1, TERM=dumb, or standard input or error not a terminal). " +
			"Account flags such as --email pre-fill it. The wizard and every report draw on standard error; " +
			"--json documents go to standard output. Passwords are read from a terminal, --password-stdin " +
			"or --password-file, never from the command line.",
		"Run setupwiz help COMMAND for one command's flags and examples.",
	}
}

// manWriter builds a roff document line by line.
type manWriter struct{ b strings.Builder }

// request writes a macro line; arguments with spaces are quoted.
func (m *manWriter) request(name string, args ...string) {
	m.b.WriteString("." + name)
	for _, a := range args {
		if strings.ContainsAny(a, " \t") {
			a = `"` + strings.ReplaceAll(a, `"`, `\(dq`) + `"`
		}
		m.b.WriteString(" " + a)
	}
	m.b.WriteString("\n")
}

// raw writes roff that is already escaped.
func (m *manWriter) raw(s string) { m.b.WriteString(s + "\n") }

// text writes plain text, escaped.
func (m *manWriter) text(s string) { m.raw(roffEscape(s)) }

func (m *manWriter) section(title string) { m.request("SH", title) }

func (m *manWriter) paragraphs(ps []string) {
	for i, p := range ps {
		if i > 0 {
			m.request("PP")
		}
		m.text(p)
	}
}

// flags lists c's flags as help does: name, argument, explanation, default.
func (m *manWriter) flags(c *cobra.Command) {
	visibleFlags(c, func(f *pflag.Flag) {
		name, arg, _ := strings.Cut(flagHead(f), " ")
		m.request("TP")
		tag := `\fB` + roffEscape(name) + `\fR`
		if arg != "" {
			tag += ` \fI` + roffEscape(arg) + `\fR`
		}
		m.raw(tag)
		_, usage := pflag.UnquoteUsage(f)
		m.text(usage + defaultWords(f))
	})
}

// command is one command's subsection: usage, summary, flags, examples.
func (m *manWriter) command(c *cobra.Command) {
	m.request("SS", c.UseLine())
	m.text(strings.ToUpper(c.Short[:1]) + c.Short[1:] + ".")
	m.flags(c)
	if c.Example != "" {
		m.request("PP")
		m.raw(`\fIExamples:\fR`)
		m.example(c.Example)
	}
}

// manExampleWidth fits an example command into 80 columns after the
// page's indent of 7 (writeShellLine's indent of 2 is dropped).
const manExampleWidth = 80 - 7 + 2

// example writes the comments of an example as prose and each command as
// typed (not filled), broken with " \\" as in help so that it pastes.
func (m *manWriter) example(ex string) {
	var prose []string
	for _, l := range strings.Split(ex, "\n") {
		if strings.HasPrefix(l, "#") {
			prose = append(prose, strings.TrimSpace(strings.TrimPrefix(l, "#")))
			continue
		}
		if len(prose) > 0 {
			m.request("PP")
			m.text(strings.Join(prose, " "))
			prose = nil
		}
		var b strings.Builder
		writeShellLine(&b, l, manExampleWidth)
		m.request("EX")
		for _, cl := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			m.text(strings.TrimPrefix(cl, "  "))
		}
		m.request("EE")
	}
}

// roffEscape makes text safe to put on a roff line: backslashes and
// hyphen-minus escaped (so that copied flags paste into a shell), and a
// leading . or ' protected so that the line is not taken for a request.
func roffEscape(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// manItem is one tagged paragraph: a term in bold, then its explanation.
type manItem struct{ term, text string }

type manSection struct {
	title string
	items []manItem
}

func manSections() []manSection {
	return []manSection{
		{"EXIT STATUS", []manItem{
			{"0", "Success: the servers accepted the login (verify), the files were written (export), " +
				"the profile works or was repaired (repair)."},
			{"1", "Verification or repair failed: a server refused the login, could not be reached or " +
				"broke off; the report on standard error says why and what to do."},
			{"2", "Usage or input error: an unknown command or flag, a bad value, a missing or empty " +
				"password, a file that cannot be read."},
			{"130", "Interrupted by ctrl+c (SIGINT) or SIGTERM."},
		}},
		{"ENVIRONMENT", []manItem{
			{"NO_COLOR", "When set, the wizard draws without colour."},
			{"ACCESSIBLE", "When set (and not 0), numbered prompts instead of the full-screen wizard; " +
				"TERM=dumb does the same."},
			{"XDG_CONFIG_HOME", "The profile store is $XDG_CONFIG_HOME/setupwiz (default ~/.config/setupwiz); " +
				"mutt's $XDG_CONFIG_HOME/mutt/muttrc is found there too."},
			{"HOME", "Where the mail clients' own files are found."},
			{"FETCHMAILHOME", "When it names a directory, fetchmail's entry goes to $FETCHMAILHOME/fetchmailrc, " +
				"the file fetchmail reads then."},
			{"PASSWORD_STORE_DIR", "The pass(1) store used by --secret pass:ENTRY."},
		}},
		{"FILES", []manItem{
			{"$XDG_CONFIG_HOME/setupwiz/profiles/NAME.toml", "A saved profile (never a password), " +
				"read by setupwiz repair; NAME.toml.bak is its previous version."},
			{"FILE.setupwiz-YYYYMMDDTHHMMSSZ.bak", "The copy of a client file taken before setupwiz changed it, " +
				"next to it and with its mode."},
			{"~/.thunderbird/PROFILE/prefs.js", "Thunderbird's settings (also in the Snap and Flatpak homes); " +
				"setupwiz adds the account between its own markers."},
			{"~/.muttrc, ~/.mutt/muttrc, $XDG_CONFIG_HOME/mutt/muttrc", "The first that exists gets mutt's " +
				"settings, between # BEGIN setupwiz NAME and # END setupwiz NAME."},
			{"~/.fetchmailrc, $FETCHMAILHOME/fetchmailrc", "fetchmail's entry, between the same markers; " +
				"the file is kept at mode 0600."},
			{"./NAME.mobileconfig", "The profile for Apple devices, in the current directory."},
		}},
		{"SEE ALSO", []manItem{
			{"fetchmail(1), mutt(1), neomutt(1), thunderbird(1), pass(1)", "The programs setupwiz writes " +
				"configuration for, and the password store it can keep the password in."},
		}},
	}
}
