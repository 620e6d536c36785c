package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/spf13/cobra"
)

func init() { addCommand(50, newProfilesCmd) }

func newProfilesCmd(e *env) *cobra.Command {
	var jsonOut bool
	c := &cobra.Command{
		Use:     "profiles [flags]",
		Short:   "list saved profiles",
		Example: "setupwiz profiles --json",
		Args:    noArgs,
		RunE:    func(*cobra.Command, []string) error { return runProfiles(jsonOut, e) },
	}
	c.Flags().BoolVar(&jsonOut, "json", false, "print the profiles as JSON on standard output (never a password: profiles hold none)")
	return c
}

// runProfiles is `setupwiz profiles`: list the saved profiles.
func runProfiles(jsonOut bool, e *env) error {
	store := wizardStore(e)
	ps, err := store.List()
	if err != nil {
		termtext.Fprintf(e.stderr, "setupwiz: some profiles could not be read: %v\n", err)
	}
	if jsonOut {
		return writeProfilesJSON(e.stdout, ps)
	}
	if len(ps) == 0 {
		termtext.Fprintf(e.stderr, "No saved profiles in %s. Run setupwiz to set one up, or setupwiz import.\n", store.Dir)
		return nil
	}
	writeProfileTable(e.stdout, ps)
	return nil
}

func writeProfilesJSON(w io.Writer, ps []profile.Profile) error {
	if ps == nil {
		ps = []profile.Profile{}
	}
	return writeJSON(w, map[string]any{"profiles": ps})
}

// writeProfileTable prints one block per profile, readable at 80 columns.
func writeProfileTable(w io.Writer, ps []profile.Profile) {
	for i, p := range ps {
		if i > 0 {
			fmt.Fprintln(w)
		}
		termtext.Fprintf(w, "%s  <%s>\n", p.Name, p.Email)
		termtext.Fprintf(w, "  incoming  %s\n", describeServer(p.Incoming))
		termtext.Fprintf(w, "  outgoing  %s\n", describeServer(p.Outgoing))
		termtext.Fprintf(w, "  password  %s\n", repair.SecretPlace(p.Secret))
		termtext.Fprintf(w, "  verified  %s\n", verifiedWhen(p))
		fmt.Fprintf(w, "  exports   %s\n", describeExports(p.Exports))
	}
}

func describeServer(s profile.Server) string {
	return fmt.Sprintf("%s %s as %s", s.Address(), s.Security, s.Username)
}

func verifiedWhen(p profile.Profile) string {
	if p.Verified.IsZero() {
		return "never"
	}
	return p.Verified.UTC().Format("2006-01-02 15:04 UTC")
}

func describeExports(recs []profile.ExportRecord) string {
	if len(recs) == 0 {
		return "none"
	}
	parts := make([]string, len(recs))
	for i, r := range recs {
		parts[i] = termtext.Line(r.Target + " → " + r.Path)
	}
	return strings.Join(parts, "\n            ")
}
