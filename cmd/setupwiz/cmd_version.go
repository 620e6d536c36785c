package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { addCommand(90, newVersionCmd) }

// newVersionCmd is `setupwiz version`, the same as `setupwiz --version`.
func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:    "version",
		Short:  "print the version",
		Hidden: true, // the overview shows --version
		Args:   noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(e.stdout, "setupwiz", version)
			return err
		},
	}
}
