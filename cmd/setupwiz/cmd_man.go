package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"
)

func init() { addCommand(100, newManCmd) }

// newManCmd is `setupwiz man`: the manual page setupwiz(1) in roff, for
// packaging (`setupwiz man > setupwiz.1`). SOURCE_DATE_EPOCH, when set,
// dates the page, so that a rebuild gives the same bytes.
func newManCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "man",
		Short:   "print the manual page setupwiz(1) in roff",
		Example: "setupwiz man > setupwiz.1 && man -l setupwiz.1",
		Hidden:  true, // for packagers; users read it with man setupwiz
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(e.stdout, manPage(c.Root(), pageDate(e)))
			return err
		},
	}
}

// pageDate is $SOURCE_DATE_EPOCH (seconds since 1970), or now.
func pageDate(e *env) time.Time {
	if s, err := strconv.ParseInt(e.getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		return time.Unix(s, 0).UTC()
	}
	return time.Now().UTC()
}
