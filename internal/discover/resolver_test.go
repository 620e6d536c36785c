package discover_test

import (
	"context"
	"errors"
	"net"
)

// failingResolver is a machine with no network: every lookup fails at once.
type failingResolver struct{}

var errOffline = errors.New("network is unreachable")

func (failingResolver) LookupSRV(context.Context, string, string, string) (string, []*net.SRV, error) {
	return "", nil, errOffline
}
func (failingResolver) LookupMX(context.Context, string) ([]*net.MX, error)  { return nil, errOffline }
func (failingResolver) LookupHost(context.Context, string) ([]string, error) { return nil, errOffline }
