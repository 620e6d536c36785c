package ui

import "github.com/setupwiz/setupwiz/internal/discover"

// choices is an ordered list of candidate servers for one service and which one is in use.
type choices struct {
	list []discover.Candidate
	i    int
}

// newChoices joins the lists, dropping repeats of the same host, port and
// security; a repeat's POP hints go to the kept candidate when it has none.
func newChoices(lists ...[]discover.Candidate) choices {
	var c choices
	seen := map[string]int{}
	for _, l := range lists {
		for _, cand := range l {
			k := cand.Server.Address() + "/" + cand.Server.Security.String()
			i, dup := seen[k]
			switch {
			case !dup:
				seen[k] = len(c.list)
				c.list = append(c.list, cand)
			case c.list[i].POP == nil:
				c.list[i].POP = cand.POP
			}
		}
	}
	return c
}

// hints are the provider's POP suggestions for the candidate in use, or
// failing that for another candidate on the same host (the user's own port
// choice does not change what the provider suggests). nil when none.
func (c choices) hints() *discover.POPHints {
	cur, ok := c.current()
	if !ok || cur.POP != nil {
		return cur.POP
	}
	for _, o := range c.list {
		if o.POP != nil && o.Server.Host == cur.Server.Host {
			return o.POP
		}
	}
	return nil
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
