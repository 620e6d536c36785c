package discover

import (
	"context"
	"errors"
	"net"

	"github.com/setupwiz/setupwiz/internal/verify"
)

// resolvingDialer resolves host names with the run's Resolver (so
// --dns-server also governs HTTPS fetches) and dials the addresses in order.
type resolvingDialer struct {
	resolver Resolver
	dialer   verify.Dialer
}

func (d resolvingDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if net.ParseIP(host) != nil {
		return d.dialer.DialContext(ctx, network, addr)
	}
	ips, err := d.resolver.LookupHost(ctx, host)
	if err != nil {
		return nil, err
	}
	return d.dialFirst(ctx, network, ips, port)
}

func (d resolvingDialer) dialFirst(ctx context.Context, network string, ips []string, port string) (net.Conn, error) {
	err := errors.New("no addresses")
	for _, ip := range ips {
		var c net.Conn
		if c, err = d.dialer.DialContext(ctx, network, net.JoinHostPort(ip, port)); err == nil {
			return c, nil
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, err
}

func asDNSError(err error, target **net.DNSError) bool { return errors.As(err, target) }

func (o *Options) baseDialer() verify.Dialer {
	if o.Dialer != nil {
		return o.Dialer
	}
	return &net.Dialer{}
}
