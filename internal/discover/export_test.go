package discover

import "net"

// ConfigCandidatesForTest converts a parsed config for email, POP3 first.
func ConfigCandidatesForTest(cfg *Config, email string) []Candidate {
	addr, err := parseAddress(email)
	if err != nil {
		panic(err)
	}
	r := configResult(cfg, addr, origin{Source: SourceAutoconfig, Trusted: true})
	return append(r.POP3, r.SMTP...)
}

// ConfigResultForTest exposes the converted lists and notes.
func ConfigResultForTest(cfg *Config, email string) (pop3, smtp []Candidate, notes []string) {
	addr, _ := parseAddress(email)
	r := configResult(cfg, addr, origin{Source: SourceISPDB, URL: "https://db.test/x", Trusted: true})
	return r.POP3, r.SMTP, r.Notes
}

// OrderSRVForTest exposes the RFC 2782 ordering.
func OrderSRVForTest(records []*net.SRV, randN func(int) int) []*net.SRV {
	return orderSRV(records, randN)
}

// MXLookupDomainsForTest exposes the domains the MX source looks a mail host up under.
func MXLookupDomainsForTest(host, base string) []string { return mxLookupDomains(host, base) }
