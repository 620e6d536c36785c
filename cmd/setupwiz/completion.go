package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/importers"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// addCompletions tells the shells what each flag's value can be. Flags are
// matched by name over the whole tree, so a flag of a shared group completes
// the same in every command. Flags that name a file complete file names;
// other flags with a value complete nothing rather than file names.
func addCompletions(root *cobra.Command) {
	values := flagValues()
	forEachCommand(root, func(c *cobra.Command) {
		if c.ValidArgsFunction == nil && len(c.ValidArgs) == 0 {
			c.ValidArgsFunction = noCompletions // no file names where a command takes none
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.NoOptDefVal != "" { // a switch takes no value
				return
			}
			complete, ok := values[f.Name]
			if !ok {
				complete = noCompletions
			}
			_ = c.RegisterFlagCompletionFunc(f.Name, complete)
		})
	})
}

// flagValues maps a flag name to what completes its value. The choices come
// from where they are defined (the exporters, profile and importers packages).
func flagValues() map[string]cobra.CompletionFunc {
	return map[string]cobra.CompletionFunc{
		"format":           commaList(formatNames()),
		"pop-security":     oneOf(securityNames()...),
		"smtp-security":    oneOf(securityNames()...),
		"secret":           secretPlaces,
		"secrets":          oneOf(string(exporters.SecretsNone), string(exporters.SecretsInline), string(exporters.SecretsCommand)),
		"only":             oneOf("pop3", "smtp"),
		"from":             oneOf(importers.Formats()...),
		"out":              dirNames,
		"ca-file":          fileNames,
		"password-file":    fileNames,
		"oauth-token-file": fileNames,
		"sign-cert":        fileNames,
		"sign-key":         fileNames,
	}
}

// forEachCommand calls fn for c and every command below it.
func forEachCommand(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		forEachCommand(sub, fn)
	}
}

func noCompletions(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// fileNames completes any file name: filtering by no extension at all,
// which the script does itself (bash: _filedir) instead of leaving it to
// the shell's fallback.
func fileNames(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterFileExt
}

// dirNames completes directory names.
func dirNames(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// oneOf completes one of a fixed set of words.
func oneOf(words ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return words, cobra.ShellCompDirectiveNoFileComp
	}
}

// commaList completes a comma-separated list of words: after "mutt,th" it
// offers "mutt,thunderbird" and the other words not listed yet.
func commaList(words []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cut := strings.LastIndex(toComplete, ",") + 1
		done := strings.Split(toComplete[:cut], ",")
		var out []cobra.Completion
		for _, w := range words {
			if !slices.Contains(done, w) {
				out = append(out, toComplete[:cut]+w)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// securityNames are the spellings of profile.Security: tls, starttls, none.
func securityNames() []string {
	var names []string
	for s := profile.SecurityTLS; s <= profile.SecurityNone; s++ {
		names = append(names, s.String())
	}
	return names
}

// secretPlaces completes --secret: the kinds, with a colon after those that
// need an entry or a command.
func secretPlaces(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{
		string(profile.SecretPrompt), string(profile.SecretKeyring),
		string(profile.SecretPass) + ":", string(profile.SecretCommand) + ":",
	}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// savedProfileNames completes a profile name from the profile store.
func savedProfileNames(e *env) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return savedProfiles(e), cobra.ShellCompDirectiveNoFileComp
	}
}
