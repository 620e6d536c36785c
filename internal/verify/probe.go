package verify

import (
	"context"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// ProbeResult is what a probe saw: the server answered, and how.
type ProbeResult struct {
	Service  Service
	Server   profile.Server
	OK       bool
	TLS      *TLSInfo
	Greeting string
	Caps     []string
	Error    *Error
	Duration time.Duration
}

// Probe connects to srv, sets up TLS as srv.Security says (implicit, or
// STLS/STARTTLS), reads the greeting and the capabilities, and leaves
// without logging in. Discovery uses it to rank guessed servers.
func Probe(ctx context.Context, o *Options, svc Service, srv profile.Server) ProbeResult {
	ctx, cancel := context.WithTimeout(ctx, o.totalTimeout())
	defer cancel()
	start := o.now()
	var r ProbeResult
	if svc == ServiceSMTP {
		r = probeSMTP(ctx, o, srv)
	} else {
		r = probePOP3(ctx, o, srv)
	}
	r.Service, r.Server, r.OK = svc, srv, r.Error == nil
	r.Duration = o.now().Sub(start)
	return r
}
