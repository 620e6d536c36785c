package discover

import (
	"context"
	"errors"
	"net"
	"strconv"
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

// CheckDNSServer reports whether addr is a usable Options.DNSServer: a host
// and a port from 1 to 65535 ("192.168.1.1:53", "[::1]:5353").
func CheckDNSServer(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
		return errors.New("want ADDR:PORT, e.g. 192.168.1.1:53")
	}
	return nil
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

// dnsError is a *net.DNSError whose text leaves out the server: with
// --dns-server the resolver still names the system's server in its errors,
// which would mislead; the query went to the one the user chose.
type dnsError struct{ *net.DNSError }

func (e dnsError) Error() string { return "lookup " + e.Name + ": " + e.Err }
func (e dnsError) Unwrap() error { return e.DNSError }

func withoutDNSServer(err error) error {
	var de *net.DNSError
	if err != nil && asDNSError(err, &de) {
		return dnsError{de}
	}
	return err
}
