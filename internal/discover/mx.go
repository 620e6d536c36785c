package discover

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// mx is the MX source: it finds who handles mail for the domain and uses
// that provider's settings. A well-known provider (by MX suffix) comes from
// the preset table; otherwise it does what Thunderbird does with the MX host
// (FetchConfig.sys.mjs, fetchConfigForMX): nothing when the host's
// registrable domain is the email domain itself; else the host's parent
// domain and then its registrable domain, each at its provider autoconfig
// (HTTPS, autoconfig.<d> only) and in the ISPDB. The parent comes first so
// that mx.mail.protection.outlook.com finds the business service rather
// than outlook.com. The DNS step is unauthenticated, so nothing here is trusted.
func (s *session) mx(ctx context.Context) (sourceResult, error) {
	host, err := s.bestMX(ctx)
	if done := ctxDone(ctx); done != nil {
		return sourceResult{}, done
	}
	if err != nil || host == "" {
		return sourceResult{Detail: "no MX record"}, mxError(err)
	}
	if p := s.presets.ForMX(host); p != nil {
		return s.mxPreset(p, host), nil
	}
	if net.ParseIP(host) != nil {
		return sourceResult{Detail: "MX " + host + " is an IP address, not a provider's host name"}, nil
	}
	base, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil || base == s.addr.Domain {
		return sourceResult{Detail: "MX " + host + " is in the same domain"}, nil
	}
	if p := s.presets.ForDomain(base); p != nil {
		return s.mxPreset(p, host), nil
	}
	return s.mxLookup(ctx, host, mxLookupDomains(host, base))
}

// mxLookupDomains lists the domains to look the MX host up under, best
// first: its parent domain (the host minus its first label) when that is
// below the registrable domain, then the registrable domain.
func mxLookupDomains(host, base string) []string {
	_, parent, ok := strings.Cut(host, ".")
	if ok && parent != base && hostUnder(parent, base) {
		return []string{parent, base}
	}
	return []string{base}
}

// bestMX returns the most preferred mail exchanger.
func (s *session) bestMX(ctx context.Context) (string, error) {
	mxs, err := s.dns.LookupMX(ctx, s.addr.Domain)
	if len(mxs) == 0 {
		return "", err
	}
	sort.SliceStable(mxs, func(i, j int) bool { return mxs[i].Pref < mxs[j].Pref })
	for _, m := range mxs {
		if h := normalizeHost(m.Host); validHost(h) {
			return h, nil
		}
	}
	return "", nil
}

func mxError(err error) error {
	if err == nil || isNotFound(err) {
		return nil
	}
	return fmt.Errorf("MX lookup: %w", withoutDNSServer(err))
}

func (s *session) mxPreset(p *Preset, host string) sourceResult {
	r := p.result(s.addr, origin{Source: SourceMX})
	note := fmt.Sprintf("mail for %s is handled by %s (MX %s)", s.addr.Domain, p.Name, host)
	r.Notes = append([]string{note}, r.Notes...)
	r.Detail = note
	markCandidates(&r, "found through the domain's MX record (not authenticated)")
	return r
}

// mxLookup tries, for each domain in order, its provider autoconfig and
// then the ISPDB; all requests start at once and the first success in that
// order wins. The address goes to autoconfig only with SendAddress, as for
// the email domain's own autoconfig.
func (s *session) mxLookup(ctx context.Context, host string, domains []string) (sourceResult, error) {
	var urls []string
	for _, d := range domains {
		urls = append(urls, s.withAddress(firstOnly(s.httpsURLs(d)))...)
		urls = append(urls, s.o.ispdbURL()+url.PathEscape(d))
	}
	f, failed := s.firstConfig(ctx, urls)
	if f == nil {
		if ctxDone(ctx) != nil {
			return sourceResult{}, ctxDone(ctx)
		}
		detail, err := failureError(failed, isAbsent)
		return sourceResult{Detail: "MX " + host + ": " + detail}, err
	}
	clean := stripQuery(f.URL)
	r := configResult(f.Cfg, s.addr, origin{Source: SourceMX, URL: clean})
	r.Detail = fmt.Sprintf("MX %s → %s", host, clean)
	markCandidates(&r, fmt.Sprintf("found through the MX record %s (not authenticated)", host))
	return r, nil
}

// markCandidates adds a provenance note to every candidate.
func markCandidates(r *sourceResult, note string) {
	for _, list := range []*[]Candidate{&r.POP3, &r.SMTP} {
		for i := range *list {
			c := &(*list)[i]
			c.Notes = append([]string{note}, c.Notes...)
			c.Trusted = false
		}
	}
}

func firstOnly(urls []string) []string {
	if len(urls) > 1 {
		return urls[:1]
	}
	return urls
}
