package verify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// dialService resolves srv.Host and connects to srv.Port, each within
// Options.StepTimeout, recording StepResolve and StepConnect. The returned
// connection is closed as soon as ctx is done, which unblocks any read or
// handshake in progress; callers map the resulting error with classifyErr.
// The connection is not wrapped: wrap it (t.wrap) after any implicit TLS.
func dialService(ctx context.Context, o *Options, t *tracker, srv profile.Server) (net.Conn, *Error) {
	addrs, e := resolve(ctx, o, t, srv)
	if e != nil {
		return nil, e
	}
	t.begin(StepConnect)
	conn, err := dialFirst(ctx, o, addrs, srv.Port)
	if err != nil {
		return nil, t.fail(classifyErr(ctx, err, t.svc, StepConnect, srv))
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	t.end(conn.RemoteAddr().String())
	return &ctxConn{Conn: conn, stop: stop}, nil
}

// resolve looks the host up (an IP literal needs no lookup).
func resolve(ctx context.Context, o *Options, t *tracker, srv profile.Server) ([]string, *Error) {
	t.begin(StepResolve)
	if ip := net.ParseIP(srv.Host); ip != nil {
		t.end("address literal")
		return []string{ip.String()}, nil
	}
	if o.Dialer != nil {
		// An injected dialer (a proxy, a test) resolves names itself.
		t.end("left to the dialer")
		return []string{srv.Host}, nil
	}
	rctx, cancel := context.WithTimeout(ctx, o.stepTimeout())
	defer cancel()
	addrs, err := hostResolver(o).LookupHost(rctx, srv.Host)
	if err != nil {
		return nil, t.fail(classifyErr(ctx, lookupError(o, err), t.svc, StepResolve, srv))
	}
	t.end(strings.Join(addrs, ", "))
	return addrs, nil
}

// dialFirst tries the addresses in order and returns the first connection;
// all attempts together stay within one step timeout. While more addresses
// wait, an attempt gets an equal share of the time left, so one address
// that swallows packets (a broken IPv6 route) cannot use it all up.
func dialFirst(ctx context.Context, o *Options, addrs []string, port int) (net.Conn, error) {
	dctx, cancel := context.WithTimeout(ctx, o.stepTimeout())
	defer cancel()
	var firstErr error
	for i, a := range addrs {
		conn, err := dialShare(dctx, o, net.JoinHostPort(a, strconv.Itoa(port)), len(addrs)-i)
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if dctx.Err() != nil {
			break
		}
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("no address to connect to")
	}
	return nil, firstErr
}

// dialShare dials addr with 1/left of the time remaining in ctx.
func dialShare(ctx context.Context, o *Options, addr string, left int) (net.Conn, error) {
	if deadline, ok := ctx.Deadline(); ok && left > 1 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Until(deadline)/time.Duration(left))
		defer cancel()
	}
	return dialer(o).DialContext(ctx, "tcp", addr)
}

func dialer(o *Options) Dialer {
	if o.Dialer != nil {
		return o.Dialer
	}
	return &net.Dialer{}
}

// ctxConn releases the context watcher when the connection is closed, so a
// finished check leaves no goroutine or callback behind.
type ctxConn struct {
	net.Conn
	stop func() bool
}

func (c *ctxConn) Close() error {
	c.stop()
	return c.Conn.Close()
}

// hostResolver is o.Resolver, or the system's.
func hostResolver(o *Options) HostResolver {
	if o.Resolver != nil {
		return o.Resolver
	}
	return net.DefaultResolver
}

// lookupError drops the DNS server from err when Options.Resolver asked
// another one: a resolver with its own Dial still names the system's
// server in its errors, which would point the user at the wrong one.
func lookupError(o *Options, err error) error {
	var de *net.DNSError
	if o.Resolver == nil || !errors.As(err, &de) || de.Server == "" {
		return err
	}
	c := *de
	c.Server = ""
	return &c
}
