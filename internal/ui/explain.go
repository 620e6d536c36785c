package ui

import (
	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// explain is the catalogue's explanation of e, told about the server in use:
// its name, and whether it came from setupwiz's own provider table.
func (s *session) explain(e *verify.Error) verify.Explanation {
	srv, c := s.prof.Incoming, s.pop
	if e.Service == verify.ServiceSMTP {
		srv, c = s.prof.Outgoing, s.smtp
	}
	return verify.Explain(e, verify.Circumstances{Host: srv.Host, HostListed: listed(c, srv)})
}

// listed reports whether srv is the provider table's candidate in use.
func listed(c choices, srv profile.Server) bool {
	cur, ok := c.current()
	return ok && cur.Source == discover.SourcePreset && cur.Server.Host == srv.Host
}
