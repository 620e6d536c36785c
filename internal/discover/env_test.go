package discover_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// testEnv is a loopback world: a DNS server, an HTTPS server for autoconfig
// and the ISPDB, and an empty preset table unless a test asks for presets.
type testEnv struct {
	DNS *testDNS
	Web *testWeb

	mu      sync.Mutex
	reports []discover.SourceReport
}

func newTestEnv(t testing.TB) *testEnv {
	return &testEnv{DNS: newTestDNS(t), Web: newTestWeb(t)}
}

func emptyPresets(t testing.TB) *discover.Presets {
	ps, err := discover.ParsePresets(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// options point every source at the loopback servers. The deadline is long:
// tests assert on which sources were cancelled, never on time.
func (e *testEnv) options(t testing.TB) discover.Options {
	return discover.Options{
		DNSServer:       e.DNS.Addr,
		Roots:           e.Web.Roots,
		ISPDBURL:        e.Web.ISPDB(),
		AutoconfigHTTPS: e.Web.AutoconfigHTTPS,
		Presets:         emptyPresets(t),
		Timeout:         time.Minute,
		ProbeTimeout:    time.Minute,
		Progress:        e.record,
		Rand:            func(int) int { return 0 },
	}
}

func (e *testEnv) record(r discover.SourceReport) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reports = append(e.reports, r)
}

func (e *testEnv) progress() []discover.SourceReport {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]discover.SourceReport(nil), e.reports...)
}

func run(t *testing.T, email string, o discover.Options) discover.Result {
	t.Helper()
	res, err := discover.Discover(context.Background(), email, o)
	if err != nil {
		t.Fatalf("Discover(%s): %v", email, err)
	}
	return res
}

// providerXML is a minimal config-v1.1 document with one POP3 and one SMTP server.
func providerXML(name, popHost, smtpHost string) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="%[1]s"><domain>%[1]s</domain><displayName>%[1]s</displayName>
<incomingServer type="pop3"><hostname>%[2]s</hostname><port>995</port><socketType>SSL</socketType><username>%%EMAILADDRESS%%</username><authentication>password-cleartext</authentication></incomingServer>
<outgoingServer type="smtp"><hostname>%[3]s</hostname><port>465</port><socketType>SSL</socketType><username>%%EMAILADDRESS%%</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>`, name, popHost, smtpHost)
}

func state(res discover.Result, src discover.Source) discover.SourceReport {
	for _, r := range res.Sources {
		if r.Source == src {
			return r
		}
	}
	return discover.SourceReport{Source: src, State: "missing"}
}

func hosts(cs []discover.Candidate) string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s:%d/%s", c.Server.Host, c.Server.Port, c.Server.Security))
	}
	return strings.Join(out, " ")
}

// blockingProber never answers until its context ends: a server that drops packets.
func blockingProber(ctx context.Context, _ verify.Service, _ profile.Server) error {
	<-ctx.Done()
	return ctx.Err()
}

// okProber says every server answered.
func okProber(context.Context, verify.Service, profile.Server) error { return nil }
