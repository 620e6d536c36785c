package verify

import (
	"context"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// probePOP3 connects, sets up TLS as srv.Security says, reads the greeting
// and CAPA, and leaves without logging in.
func probePOP3(ctx context.Context, o *Options, srv profile.Server) ProbeResult {
	t := newTracker(o, ServicePOP3)
	s, e := openPOP3(ctx, o, t, srv)
	if e != nil {
		return ProbeResult{Error: e}
	}
	s.quit()
	return ProbeResult{TLS: s.tls, Greeting: s.greeting, Caps: s.capsShown()}
}
