package verify

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// tableResolver answers from a fixed table and records what it was asked;
// an unknown name fails the way a resolver with its own DNS server does,
// naming the system's server.
type tableResolver struct {
	hosts map[string][]string
	asked []string
}

func (r *tableResolver) LookupHost(_ context.Context, host string) ([]string, error) {
	r.asked = append(r.asked, host)
	if addrs, ok := r.hosts[host]; ok {
		return addrs, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, Server: "10.255.255.53:53", IsNotFound: true}
}

// TestResolverIsAsked: a name the system cannot resolve reaches the fake
// server through Options.Resolver (--dns-server).
func TestResolverIsAsked(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, loginScript(nil))
	o := faultOpts(port, profile.SecurityNone)
	o.Incoming.Host = "pop.only-in-our-dns.test"
	r := &tableResolver{hosts: map[string][]string{"pop.only-in-our-dns.test": {"127.0.0.1"}}}
	o.Resolver = r
	res := runPOP3Check(t, o)
	wantOK(t, res)
	if len(r.asked) != 1 || r.asked[0] != "pop.only-in-our-dns.test" {
		t.Errorf("resolver asked %q", r.asked)
	}
	if res.Steps[0].Name != StepResolve || res.Steps[0].Detail != "127.0.0.1" {
		t.Errorf("resolve step %+v", res.Steps[0])
	}
}

// TestResolverErrorNamesNoOtherServer: with Options.Resolver the error must
// not name the system's DNS server, which was never asked.
func TestResolverErrorNamesNoOtherServer(t *testing.T) {
	o := faultOpts(1, profile.SecurityNone)
	o.Incoming.Host = "pop.nowhere.test"
	o.Resolver = &tableResolver{}
	res := runPOP3Check(t, o)
	wantKind(t, res, KindDNS)
	if msg := res.Error.Error(); strings.Contains(msg, "10.255.255.53") || !strings.Contains(msg, "pop.nowhere.test") {
		t.Errorf("error %q", msg)
	}
	if !strings.Contains(res.Error.Hint, "pop.nowhere.test") {
		t.Errorf("hint %q", res.Error.Hint)
	}
}
