package ui

import "github.com/setupwiz/setupwiz/internal/discover"

// choices is an ordered list of candidate servers for one service and which one is in use.
type choices struct {
	list []discover.Candidate
	i    int
}

// newChoices joins the lists, dropping repeats of the same host, port and security.
func newChoices(lists ...[]discover.Candidate) choices {
	var c choices
	seen := map[string]bool{}
	for _, l := range lists {
		for _, cand := range l {
			k := cand.Server.Address() + "/" + cand.Server.Security.String()
			if !seen[k] {
				seen[k] = true
				c.list = append(c.list, cand)
			}
		}
	}
	return c
}

func (c choices) current() (discover.Candidate, bool) {
	if c.i < 0 || c.i >= len(c.list) {
		return discover.Candidate{}, false
	}
	return c.list[c.i], true
}

// advance moves to the next candidate, wrapping around; it reports whether
// there is more than one to choose from.
func (c *choices) advance() bool {
	if len(c.list) < 2 {
		return false
	}
	c.i = (c.i + 1) % len(c.list)
	return true
}

// hasNext reports whether an untried candidate follows the current one (no wrap).
func (c choices) hasNext() bool { return c.i+1 < len(c.list) }
