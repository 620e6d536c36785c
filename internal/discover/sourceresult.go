package discover

import "github.com/setupwiz/setupwiz/internal/profile"

// sourceResult is what one source found.
type sourceResult struct {
	Provider      string
	POP3, SMTP    []Candidate
	Notes         []string
	POPNotOffered bool
	// Detail is a short human description for the source report ("autoconfig.example.com").
	Detail string
}

// addCandidate appends c (ignoring nil and duplicates) to POP3 or SMTP.
func (r *sourceResult) addCandidate(pop bool, c *Candidate) {
	if c == nil {
		return
	}
	list := &r.SMTP
	if pop {
		list = &r.POP3
	}
	*list = appendUnique(*list, *c)
}

// answers reports whether the result settles the POP3 or SMTP question.
func (r *sourceResult) answers(pop bool) bool {
	if pop {
		return len(r.POP3) > 0 || r.POPNotOffered
	}
	return len(r.SMTP) > 0
}

func (r *sourceResult) found() bool { return r.answers(true) || r.answers(false) }

// sameEndpoint is the identity used to drop duplicates across sources.
func sameEndpoint(a, b profile.Server) bool {
	return a.Host == b.Host && a.Port == b.Port && a.Security == b.Security
}

func appendUnique(list []Candidate, cs ...Candidate) []Candidate {
	for _, c := range cs {
		if !containsEndpoint(list, c.Server) {
			list = append(list, c)
		}
	}
	return list
}

func containsEndpoint(list []Candidate, s profile.Server) bool {
	for _, c := range list {
		if sameEndpoint(c.Server, s) {
			return true
		}
	}
	return false
}

func appendNotes(notes []string, more ...string) []string {
	for _, n := range more {
		if n != "" && !containsString(notes, n) {
			notes = append(notes, n)
		}
	}
	return notes
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
