package ui

import (
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// explain is the catalogue's explanation of e at the server in use.
func (s *session) explain(e *verify.Error) verify.Explanation {
	srv := s.prof.Incoming
	if e.Service == verify.ServiceSMTP {
		srv = s.prof.Outgoing
	}
	return setup.Explain(e, srv)
}
