package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// writeDiscoveryText prints the human form: who the provider is, which
// source decided, each source's state and time, then the candidates with
// their provenance and trust. Lines are laid out for reportWidth columns:
// long details and notes wrap under themselves.
func writeDiscoveryText(w io.Writer, res discover.Result) {
	termtext.Fprintf(w, "Discovery for %s", res.Email)
	if res.Provider != "" {
		termtext.Fprintf(w, ": %s", res.Provider)
	}
	if res.Winner != "" {
		termtext.Fprintf(w, " (decided by %s)", res.Winner)
	}
	termtext.Fprintf(w, " in %s\n\nSources:\n", roundDuration(res.Duration))
	for _, s := range res.Sources {
		wrapHanging(w, fmt.Sprintf("  %-10s %-8s %8s  ", s.Source, s.State, sourceTime(s)), s.Detail)
	}
	writeCandidates(w, "POP3 (incoming)", res.POP3, res.POPNotOffered)
	writeCandidates(w, "SMTP (outgoing)", res.SMTP, false)
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range res.Notes {
			wrapHanging(w, "  - ", n)
		}
	}
	writeNextStep(w, res)
}

// writeNextStep tells the user how to go on when a service has no candidate.
func writeNextStep(w io.Writer, res discover.Result) {
	if res.POPNotOffered || res.Complete() {
		return
	}
	fmt.Fprintln(w)
	wrapHanging(w, "Next: ", "ask your provider for its POP3 and SMTP server names and give them to the wizard: setupwiz --email "+
		res.Email+" --pop-host HOST --smtp-host HOST (or check them with 'setupwiz verify' and the same flags).")
}

func writeCandidates(w io.Writer, title string, cs []discover.Candidate, notOffered bool) {
	termtext.Fprintf(w, "\n%s:\n", title)
	switch {
	case notOffered:
		fmt.Fprintln(w, "  not offered by this provider")
	case len(cs) == 0:
		fmt.Fprintln(w, "  none found")
	}
	for i, c := range cs {
		writeCandidate(w, i+1, c)
	}
}

// writeCandidate prints one candidate: the setting with its provenance on
// the same line when that fits the width, on the next line otherwise, then
// its notes.
func writeCandidate(w io.Writer, n int, c discover.Candidate) {
	head := termtext.Sprintf("  %d. %s %s  user %s  auth %s", n, c.Server.Address(), c.Server.Security, c.Server.Username, c.Server.Auth)
	prov := "[" + provenance(c) + "]"
	if runeLen(head)+2+runeLen(prov) <= textWidth(w) {
		termtext.Fprintf(w, "%s  %s\n", head, prov)
	} else {
		fmt.Fprintln(w, head)
		wrapHanging(w, "     ", prov)
	}
	for _, note := range c.Notes {
		wrapHanging(w, "     ", note)
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
