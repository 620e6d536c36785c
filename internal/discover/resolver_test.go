package discover_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
)

// failingResolver is a machine with no network: every lookup fails at once.
type failingResolver struct{}

var errOffline = errors.New("network is unreachable")

func (failingResolver) LookupSRV(context.Context, string, string, string) (string, []*net.SRV, error) {
	return "", nil, errOffline
}
func (failingResolver) LookupMX(context.Context, string) ([]*net.MX, error)  { return nil, errOffline }
func (failingResolver) LookupHost(context.Context, string) ([]string, error) { return nil, errOffline }

func TestCheckDNSServer(t *testing.T) {
	for _, ok := range []string{"192.168.1.1:53", "[::1]:5353", "dns.lan:53"} {
		if err := discover.CheckDNSServer(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"192.168.1.1", "192.168.1.1:0", "192.168.1.1:70000", ":53", "[::1]", "host:dns"} {
		if err := discover.CheckDNSServer(bad); err == nil || !strings.Contains(err.Error(), "ADDR:PORT") {
			t.Errorf("%s: err = %v, want a hint naming ADDR:PORT", bad, err)
		}
	}
}

func TestDiscoverRejectsADNSServerWithoutPort(t *testing.T) {
	res, err := discover.Discover(context.Background(), "jane@example.test", discover.Options{DNSServer: "127.0.0.1"})
	if err == nil || !strings.Contains(err.Error(), "ADDR:PORT") || res.Sources != nil {
		t.Errorf("err = %v, sources %v: want a usage error before any source runs", err, res.Sources)
	}
}
