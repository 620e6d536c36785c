package verify

import (
	"context"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// probeSMTP connects to a submission server, sets up TLS as srv.Security
// says, reads the greeting and the EHLO keywords, and leaves without
// logging in.
func probeSMTP(ctx context.Context, o *Options, srv profile.Server) ProbeResult {
	t := newTracker(o, ServiceSMTP)
	s, e := openSMTP(ctx, o, t, srv)
	if s == nil {
		return ProbeResult{Error: e}
	}
	if e == nil {
		s.quit()
	}
	return ProbeResult{TLS: s.tls, Greeting: s.greeting, Caps: s.caps, Error: e}
}
