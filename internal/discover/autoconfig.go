package discover

import (
	"context"
	"net/url"
	"strings"
)

// autoconfigURLs are the provider's own locations, in Thunderbird's order.
func autoconfigURLs(scheme, domain string) []string {
	return []string{
		scheme + "://autoconfig." + domain + "/mail/config-v1.1.xml",
		scheme + "://" + domain + "/.well-known/autoconfig/mail/config-v1.1.xml",
	}
}

// providerURLs lists the URLs to try for a domain: HTTPS always, plain HTTP
// after them only with AllowHTTP.
func (s *session) providerURLs(domain string, wellKnown bool) []string {
	urls := s.httpsURLs(domain)
	if !wellKnown && len(urls) > 1 {
		urls = urls[:1]
	}
	if s.o.AllowHTTP {
		urls = append(urls, s.httpURLs(domain)...)
	}
	return urls
}

func (s *session) httpsURLs(domain string) []string {
	if s.o.AutoconfigHTTPS != nil {
		return s.o.AutoconfigHTTPS(domain)
	}
	return autoconfigURLs("https", domain)
}

func (s *session) httpURLs(domain string) []string {
	if s.o.AutoconfigHTTP != nil {
		return s.o.AutoconfigHTTP(domain)
	}
	return autoconfigURLs("http", domain)
}

// withAddress adds ?emailaddress= when the user opted in.
func (s *session) withAddress(urls []string) []string {
	if !s.o.SendAddress {
		return urls
	}
	out := make([]string, len(urls))
	for i, u := range urls {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		out[i] = u + sep + "emailaddress=" + url.QueryEscape(s.addr.Email)
	}
	return out
}

// autoconfig is the provider-autoconfig source.
func (s *session) autoconfig(ctx context.Context) (sourceResult, error) {
	return s.fetchSource(ctx, SourceAutoconfig, s.withAddress(s.providerURLs(s.addr.Domain, true)), isAbsent)
}

// ispdb is the ISPDB source. Only an answer from the ISPDB ("no entry")
// counts as none; not reaching it at all is an error worth showing.
func (s *session) ispdb(ctx context.Context) (sourceResult, error) {
	return s.fetchSource(ctx, SourceISPDB, []string{s.o.ispdbURL() + url.PathEscape(s.addr.Domain)}, isNoDocument)
}

// fetchSource runs firstConfig over urls and converts the winner.
func (s *session) fetchSource(ctx context.Context, src Source, urls []string, absent func(error) bool) (sourceResult, error) {
	f, failed := s.firstConfig(ctx, urls)
	if f == nil {
		if ctxDone(ctx) != nil {
			return sourceResult{}, ctxDone(ctx)
		}
		detail, err := failureError(failed, absent)
		return sourceResult{Detail: detail}, err
	}
	clean := stripQuery(f.URL)
	trusted := strings.HasPrefix(clean, "https://")
	r := configResult(f.Cfg, s.addr, origin{Source: src, URL: clean, Trusted: trusted})
	r.Detail = clean
	if !trusted {
		markCandidates(&r, "fetched over plain HTTP: anyone on the network path could have changed it")
	}
	return r, nil
}

func stripQuery(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}
