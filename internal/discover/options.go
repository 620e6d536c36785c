package discover

import (
	"context"
	"crypto/x509"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// DefaultISPDBURL is Thunderbird's ISPDB as third-party clients use it.
const DefaultISPDBURL = "https://autoconfig.thunderbird.net/v1.1/"

// Defaults for Options.
const (
	DefaultTimeout      = 5 * time.Second
	DefaultProbeTimeout = 3 * time.Second
)

// Prober checks that a server speaks its protocol on a port (greeting and
// capabilities, certificate verified) without logging in. The default wraps
// verify.Probe.
type Prober func(ctx context.Context, svc verify.Service, srv profile.Server) error

// Options configure Discover. The zero value asks the system resolver and
// the public endpoints, does not guess, and stops after DefaultTimeout.
type Options struct {
	// Resolver answers DNS questions; nil means DNSServer's, or the system's.
	Resolver Resolver
	// DNSServer ("ADDR:PORT") is asked instead of the system's resolver.
	DNSServer string
	// HTTPClient fetches autoconfig and ISPDB documents; nil builds one that
	// trusts Roots, uses Resolver, never follows a redirect from https to
	// http, and stops after the probe timeout.
	HTTPClient *http.Client
	// Roots are the trusted CAs for autoconfig HTTPS and probes; nil means the system roots.
	Roots *x509.CertPool
	// ISPDBURL is the ISPDB base; the domain is appended. Default DefaultISPDBURL.
	ISPDBURL string
	// AutoconfigHTTPS builds the provider autoconfig URLs for a domain, in
	// preference order; nil gives https://autoconfig.<d>/mail/config-v1.1.xml and
	// https://<d>/.well-known/autoconfig/mail/config-v1.1.xml.
	AutoconfigHTTPS func(domain string) []string
	// AutoconfigHTTP builds the plain-HTTP URLs, used only with AllowHTTP.
	AutoconfigHTTP func(domain string) []string
	// AllowHTTP also tries plain-HTTP autoconfig; its candidates are marked untrusted.
	AllowHTTP bool
	// SendAddress adds ?emailaddress= to provider autoconfig requests (never to the ISPDB).
	SendAddress bool
	// Dialer opens the guessing probes' connections; nil means a net.Dialer.
	Dialer verify.Dialer
	// Prober replaces verify.Probe (tests of the runner); nil means verify.Probe.
	Prober Prober
	// Guess runs the guessing source.
	Guess bool
	// GuessPorts maps a standard port (995, 110, 465, 587, 25) to the port
	// actually probed, for tests; unmapped ports are used as they are.
	GuessPorts map[int]int
	// Presets replaces the embedded provider table.
	Presets *Presets
	// Timeout is the deadline for the whole run (default DefaultTimeout).
	Timeout time.Duration
	// ProbeTimeout bounds each HTTP request and each guessing probe (default DefaultProbeTimeout).
	ProbeTimeout time.Duration
	// Progress receives live source reports. It is called from the goroutine
	// running Discover and must not block.
	Progress func(SourceReport)
	// Rand returns a uniform int in [0, n) for RFC 2782 weighted selection; nil uses math/rand/v2.
	Rand func(n int) int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// check rejects options that would make every source fail the same way.
func (o *Options) check() error {
	if o.DNSServer != "" && o.Resolver == nil {
		if err := CheckDNSServer(o.DNSServer); err != nil {
			return fmt.Errorf("DNS server %q: %w", o.DNSServer, err)
		}
	}
	return nil
}

func (o *Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

func (o *Options) probeTimeout() time.Duration {
	if o.ProbeTimeout > 0 {
		return o.ProbeTimeout
	}
	return DefaultProbeTimeout
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *Options) randN(n int) int {
	if o.Rand != nil {
		return o.Rand(n)
	}
	return rand.IntN(n)
}

func (o *Options) ispdbURL() string {
	if o.ISPDBURL != "" {
		return o.ISPDBURL
	}
	return DefaultISPDBURL
}

func (o *Options) guessPort(p int) int {
	if q, ok := o.GuessPorts[p]; ok {
		return q
	}
	return p
}
