package discover

import (
	"context"
	"net"
	"time"
)

// Resolver is the DNS a discovery run asks; *net.Resolver satisfies it.
type Resolver interface {
	LookupSRV(ctx context.Context, service, proto, name string) (string, []*net.SRV, error)
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// NewDNSResolver returns a resolver that sends every query to server
// ("ADDR:PORT") instead of the system's, for split-horizon networks and tests.
func NewDNSResolver(server string) *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			d := net.Dialer{Timeout: 2 * time.Second}
			return d.DialContext(ctx, network, server)
		},
	}
}

func (o *Options) resolver() Resolver {
	switch {
	case o.Resolver != nil:
		return o.Resolver
	case o.DNSServer != "":
		return NewDNSResolver(o.DNSServer)
	}
	return net.DefaultResolver
}

// isNotFound reports whether err says the name has no such record, as opposed
// to a failure to ask.
func isNotFound(err error) bool {
	var de *net.DNSError
	return err != nil && asDNSError(err, &de) && de.IsNotFound
}
