package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
)

// writeDiscoveryText prints the human form: who the provider is, which
// source decided, each source's state and time, then the candidates with
// their provenance and trust.
func writeDiscoveryText(w io.Writer, res discover.Result) {
	fmt.Fprintf(w, "Discovery for %s", res.Email)
	if res.Provider != "" {
		fmt.Fprintf(w, ": %s", res.Provider)
	}
	if res.Winner != "" {
		fmt.Fprintf(w, " (decided by %s)", res.Winner)
	}
	fmt.Fprintf(w, " in %s\n\nSources:\n", roundDuration(res.Duration))
	for _, s := range res.Sources {
		fmt.Fprintf(w, "  %-10s %-8s %8s  %s\n", s.Source, s.State, sourceTime(s), s.Detail)
	}
	writeCandidates(w, "POP3 (incoming)", res.POP3, res.POPNotOffered)
	writeCandidates(w, "SMTP (outgoing)", res.SMTP, false)
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
}

func writeCandidates(w io.Writer, title string, cs []discover.Candidate, notOffered bool) {
	fmt.Fprintf(w, "\n%s:\n", title)
	switch {
	case notOffered:
		fmt.Fprintln(w, "  not offered by this provider")
	case len(cs) == 0:
		fmt.Fprintln(w, "  none found")
	}
	for i, c := range cs {
		fmt.Fprintf(w, "  %d. %s %s  user %s  auth %s  [%s]\n", i+1, c.Server.Address(), c.Server.Security,
			c.Server.Username, c.Server.Auth, provenance(c))
		for _, n := range c.Notes {
			fmt.Fprintf(w, "     %s\n", n)
		}
	}
}

func provenance(c discover.Candidate) string {
	parts := []string{string(c.Source)}
	if c.Trusted {
		parts = append(parts, "trusted")
	} else {
		parts = append(parts, "unverified source")
	}
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	return strings.Join(parts, ", ")
}

func sourceTime(s discover.SourceReport) string {
	if s.State == discover.StateSkipped {
		return ""
	}
	return roundDuration(s.Duration)
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(100 * time.Microsecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}
