package discover

import (
	"net/http"
)

// session is one discovery run's shared, read-only state.
type session struct {
	addr    address
	o       *Options
	dns     Resolver
	http    *http.Client
	presets *Presets
	probe   Prober
}

func newSession(addr address, o *Options, presets *Presets) *session {
	s := &session{addr: addr, o: o, dns: o.resolver(), presets: presets}
	s.http = o.httpClient(s.dns)
	s.probe = o.Prober
	if s.probe == nil {
		s.probe = verifyProber(o)
	}
	return s
}
