package ui

import (
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/discover"
)

// discover runs discovery, reporting each source as it answers, then lets the
// user accept, switch alternatives or edit.
func (l *liner) discover() error {
	l.runDiscovery()
	for {
		l.sayServers()
		v, err := l.askUntil("Type y to use these, e to edit them, p or s for the next POP3 or SMTP alternative", "y", func(v string) string {
			if !strings.Contains("y yes e p s", strings.ToLower(v)) {
				return "Please type y, e, p or s."
			}
			return ""
		})
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "e":
			if err := l.editServers(); err != nil {
				return err
			}
		case "p":
			l.s.pop.advance()
			l.s.applyChoices()
		case "s":
			l.s.smtp.advance()
			l.s.applyChoices()
		default:
			l.tellCredential()
			return nil
		}
	}
}

func (l *liner) runDiscovery() {
	d := l.s.cfg.Discoverer
	if d == nil {
		l.s.setDiscovery(discover.Result{Email: l.s.prof.Email}, nil)
		return
	}
	l.say("Looking for the servers of %s.", l.s.prof.Email)
	events := make(chan discover.SourceReport, 64)
	done := make(chan discoverDoneMsg, 1)
	go func() {
		res, err := d.Discover(l.ctx, l.s.prof.Email, func(r discover.SourceReport) {
			select {
			case events <- r:
			default:
			}
		})
		done <- discoverDoneMsg{result: res, err: err}
	}()
	for {
		select {
		case r := <-events:
			l.sayReport(r)
		case m := <-done:
			for len(events) > 0 {
				l.sayReport(<-events)
			}
			l.s.setDiscovery(m.result, m.err)
			if !l.s.cfg.Verbose {
				l.say("%s", sourcesSummary(m.result))
			}
			return
		}
	}
}

// sourcesSummary is discovery in one line: how many sources were asked,
// and which knew the domain (each source's own words need --verbose).
func sourcesSummary(r discover.Result) string {
	var found []string
	for _, s := range r.Sources {
		if s.State == discover.StateFound {
			found = append(found, string(s.Source))
		}
	}
	asked := fmt.Sprintf("Asked %d sources in %s", len(r.Sources), fmtDuration(r.Duration))
	if len(found) == 0 {
		return asked + "; none knew this domain (--verbose shows what each said)."
	}
	return asked + "; found settings in " + strings.Join(found, ", ") + " (--verbose shows what each said)."
}

func (l *liner) sayReport(r discover.SourceReport) {
	if r.State == "pending" || !l.s.cfg.Verbose {
		return
	}
	detail := r.Detail
	if detail == "" {
		detail = sourceStateWords(r.State)
	}
	l.say("Source %s: %s (%s).", r.Source, detail, fmtDuration(r.Duration))
}

func (l *liner) sayServers() {
	s := l.s
	l.say("%s", plainSummary(s))
	l.say("Incoming mail (POP3): %s.%s", describeServer(s.prof.Incoming), choiceWords(s.pop))
	l.say("Outgoing mail (SMTP): %s.%s", describeServer(s.prof.Outgoing), choiceWords(s.smtp))
}

func plainSummary(s *session) string {
	switch {
	case s.disc.POPNotOffered:
		return providerName(s.disc) + " does not offer POP3; you can still type settings by hand."
	case len(s.pop.list)+len(s.smtp.list) == 0:
		return "No source knew this domain; these are guesses from your address."
	case len(s.disc.POP3)+len(s.disc.SMTP) == 0:
		return "Using the servers you gave."
	case s.disc.Provider != "":
		return "Found settings for " + s.disc.Provider + "."
	}
	return "Found settings."
}

func choiceWords(c choices) string {
	cand, ok := c.current()
	if !ok {
		return ""
	}
	out := " From " + sourceWords(cand.Source) + trustWords(cand) + "."
	if len(c.list) > 1 {
		out += fmt.Sprintf(" Choice %d of %d.", c.i+1, len(c.list))
	}
	for _, n := range cand.Notes {
		out += " Note: " + n
	}
	return out
}

// editServers asks every field of both servers, the current value as default.
func (l *liner) editServers() error {
	f := newServerForm(l.s.prof.Incoming, l.s.prof.Outgoing, true)
	for _, fl := range f.form.fields {
		prompt := fl.label
		if len(fl.choices) > 0 {
			prompt += " (" + strings.Join(fl.choices, ", ") + ")"
		}
		v, err := l.askUntil(prompt, fl.in.Value(), fl.check)
		if err != nil {
			return err
		}
		fl.in.SetValue(v)
	}
	in, out, _ := f.servers()
	l.s.useEdited(in, out)
	return nil
}
