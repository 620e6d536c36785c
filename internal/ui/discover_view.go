package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// summaryLine says in one sentence what discovery concluded.
func summaryLine(w *wizard) string {
	s, st := w.s, w.st
	switch {
	case s.disc.POPNotOffered:
		return st.warn.Render(wrap(providerName(s.disc)+" does not offer POP3. Use IMAP in your mail program instead, or type the settings by hand (e) if you know better.", w.bodyWidth()))
	case s.discErr != nil && len(s.pop.list)+len(s.smtp.list) == 0:
		return st.bad.Render(wrap("Discovery failed: "+termtext.Line(s.discErr.Error())+". Press e to type the settings, or r to search again.", w.bodyWidth()))
	case len(s.pop.list)+len(s.smtp.list) == 0:
		return st.warn.Render(wrap("No source knew this domain. Below is a guess from your address; press e to correct it.", w.bodyWidth()))
	case len(s.disc.POP3)+len(s.disc.SMTP) == 0:
		return st.ok.Render("Using the servers you gave.")
	}
	msg := "Found settings"
	if s.disc.Provider != "" {
		msg = "Found settings for " + termtext.Line(s.disc.Provider)
	}
	if s.disc.Winner != "" {
		msg += " (decided by " + sourceWords(s.disc.Winner) + ")"
	}
	out := st.ok.Render(msg + ".")
	for _, n := range s.disc.Notes {
		out += "\n" + st.warn.Render(wrap("Note: "+termtext.Line(n), w.bodyWidth()))
	}
	return out
}

func providerName(r discover.Result) string {
	if r.Provider != "" {
		return termtext.Line(r.Provider)
	}
	return "This provider"
}

// serverBlock shows one service: the server, where it came from, and how to get alternatives.
func serverBlock(w *wizard, title string, srv profile.Server, c choices, nextKey string) string {
	st := w.st
	var b strings.Builder
	b.WriteString(st.title.Render(title) + "\n")
	b.WriteString(fmt.Sprintf("  %s  %s  %s\n", termtext.Line(srv.Address()), securityWords(srv.Security), st.subtle.Render("as "+termtext.Line(srv.Username))))
	if cand, ok := c.current(); ok {
		b.WriteString("  " + st.subtle.Render("from "+sourceWords(cand.Source)+trustWords(cand)) + "\n")
		for _, n := range cand.Notes {
			b.WriteString("  " + st.warn.Render(termtext.Line(n)) + "\n")
		}
	}
	if len(c.list) > 1 {
		b.WriteString("  " + st.subtle.Render(fmt.Sprintf("choice %d of %d · press %s for the next", c.i+1, len(c.list), nextKey)) + "\n")
	}
	return b.String()
}

func securityWords(s profile.Security) string {
	switch s {
	case profile.SecurityTLS:
		return "TLS"
	case profile.SecuritySTARTTLS:
		return "STARTTLS"
	}
	return "no encryption"
}

func sourceWords(s discover.Source) string {
	switch s {
	case "preset":
		return "setupwiz's provider list"
	case "autoconfig":
		return "the provider's autoconfig file"
	case "ispdb":
		return "Thunderbird's ISPDB"
	case "srv":
		return "DNS SRV records"
	case "mx":
		return "the domain's MX records"
	case "guess":
		return "probing common server names"
	}
	return termtext.Line(string(s))
}

func trustWords(c discover.Candidate) string {
	if c.Source == sourceYours || c.Source == sourceEdited {
		return ""
	}
	where := ""
	if c.URL != "" {
		where = " (" + termtext.Line(c.URL) + ")"
	}
	if c.Trusted {
		return where + ", over an authenticated path"
	}
	return where + ", unauthenticated: check the names look right"
}

// fmtDuration prints 3 ms, 310 ms, 1.2 s.
func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "<1 ms"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
