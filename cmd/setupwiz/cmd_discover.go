package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// discoverFlags are the flags of 'setupwiz discover'.
type discoverFlags struct {
	json        bool
	timeout     time.Duration
	dnsServer   string
	ispdbURL    string
	caFile      string
	allowHTTP   bool
	sendAddress bool
	noGuess     bool
}

func (f *discoverFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.json, "json", false, "print the result as JSON on standard output")
	fs.DurationVar(&f.timeout, "timeout", discover.DefaultTimeout, "deadline (a `DURATION`) for the whole discovery, e.g. 10s")
	fs.StringVar(&f.dnsServer, "dns-server", "", "ask this DNS server (`ADDR:PORT`) instead of the system's, e.g. 192.168.1.1:53")
	fs.StringVar(&f.ispdbURL, "ispdb-url", "", "base `URL` of the ISPDB (default "+discover.DefaultISPDBURL+")")
	fs.StringVar(&f.caFile, "ca-file", "", "PEM `FILE` of extra CA certificates to trust for autoconfig HTTPS and probes")
	fs.BoolVar(&f.allowHTTP, "allow-http", false, "also try provider autoconfig over plain HTTP (results are marked untrusted)")
	fs.BoolVar(&f.sendAddress, "send-address", false, "send the email address to provider autoconfig servers, "+
		"including the one found through MX (never to the ISPDB)")
	fs.BoolVar(&f.noGuess, "no-guess", false, "do not guess host names and probe them")
}

func init() { addCommand(20, newDiscoverCmd) }

func newDiscoverCmd(e *env) *cobra.Command {
	var f discoverFlags
	c := &cobra.Command{
		Use:     "discover [flags] EMAIL",
		Short:   "find the servers for an email address",
		Example: "setupwiz discover jane@spectrum.net --json",
		Args:    oneEmail,
		RunE:    func(c *cobra.Command, args []string) error { return runDiscover(c.Context(), &f, args[0], e) },
	}
	f.register(c.Flags())
	return c
}

// oneEmail wants exactly one address, before or after the flags.
func oneEmail(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usagef("%s: give exactly one email address (see '%s')", c.Name(), helpHint(c))
	}
	return nil
}

// runDiscover is 'setupwiz discover EMAIL [flags]'. Exit 0 with at least one
// candidate per service, 1 otherwise (also when the provider has no POP3),
// 2 for usage errors.
func runDiscover(ctx context.Context, f *discoverFlags, email string, e *env) error {
	opts, err := f.options()
	if err != nil {
		return err
	}
	return discoverAndReport(ctx, email, opts, f.json, e)
}

func (f *discoverFlags) options() (discover.Options, error) {
	if f.timeout <= 0 {
		return discover.Options{}, usagef("--timeout must be positive")
	}
	if f.dnsServer != "" {
		if err := discover.CheckDNSServer(f.dnsServer); err != nil {
			return discover.Options{}, usagef("--dns-server %q: %v", f.dnsServer, err)
		}
	}
	roots, err := (&accountFlags{caFile: f.caFile}).roots()
	if err != nil {
		return discover.Options{}, err
	}
	return discover.Options{
		DNSServer: f.dnsServer, ISPDBURL: f.ispdbURL, Roots: roots, AllowHTTP: f.allowHTTP,
		SendAddress: f.sendAddress, Guess: !f.noGuess, Timeout: f.timeout,
	}, nil
}

func discoverAndReport(ctx context.Context, email string, opts discover.Options, asJSON bool, e *env) error {
	res, err := discover.Discover(ctx, email, opts)
	switch {
	case errors.Is(err, context.Canceled):
		return errInterrupted
	case err != nil && res.Sources == nil:
		return usagef("discover: %v", err)
	}
	writeDiscoveryText(e.stderr, res)
	if asJSON {
		if err := writeDiscoveryJSON(e.stdout, res); err != nil {
			return err
		}
	}
	return discoveryVerdict(res)
}

// discoveryVerdict maps the result to exit 0 or 1.
func discoveryVerdict(res discover.Result) error {
	switch {
	case res.POPNotOffered:
		return failedError{fmt.Sprintf("%s does not offer POP3; setupwiz sets up POP3 accounts only", orDomain(res))}
	case len(res.POP3) == 0 && len(res.SMTP) == 0:
		return failedError{"no POP3 or SMTP server found for " + orDomain(res)}
	case len(res.POP3) == 0:
		return failedError{"no POP3 server found for " + orDomain(res)}
	case len(res.SMTP) == 0:
		return failedError{"no SMTP server found for " + orDomain(res)}
	}
	return nil
}

func orDomain(res discover.Result) string {
	if res.Provider != "" {
		return res.Provider
	}
	if at := strings.LastIndexByte(res.Email, '@'); at >= 0 {
		return res.Email[at+1:]
	}
	return res.Email
}

func writeDiscoveryJSON(w io.Writer, res discover.Result) error {
	return writeJSON(w, res)
}
