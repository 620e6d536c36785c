package discover

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// maxRedirects bounds redirect chains of autoconfig and ISPDB fetches.
const maxRedirects = 3

// errNotFound means the server answered but has no document for this domain.
var errNotFound = errors.New("no document")

// httpClient returns the configured client or builds a careful default.
func (o *Options) httpClient(r Resolver) *http.Client {
	if o.HTTPClient != nil {
		return o.HTTPClient
	}
	tr := &http.Transport{
		DialContext:            resolvingDialer{resolver: r, dialer: o.baseDialer()}.DialContext,
		TLSClientConfig:        &tls.Config{RootCAs: o.Roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    o.probeTimeout(),
		ResponseHeaderTimeout:  o.probeTimeout(),
		MaxResponseHeaderBytes: 64 << 10,
		DisableKeepAlives:      true,
	}
	return &http.Client{Transport: tr, Timeout: o.probeTimeout(), CheckRedirect: checkRedirect}
}

// checkRedirect refuses long chains and any step from https down to http,
// which would make a trusted fetch untrusted behind the user's back.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("more than %d redirects", maxRedirects)
	}
	if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return fmt.Errorf("refusing redirect from https to %s", req.URL.Redacted())
	}
	return nil
}

// fetchConfig GETs one config-v1.1.xml document and parses it.
func fetchConfig(ctx context.Context, c *http.Client, u string, timeout time.Duration) (*Config, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/xml, text/xml")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", hostOf(u), unwrapURLError(err))
	}
	defer resp.Body.Close()
	if err := checkResponse(resp); err != nil {
		return nil, fmt.Errorf("%s: %w", hostOf(u), err)
	}
	cfg, err := ParseConfig(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", hostOf(u), err)
	}
	return cfg, nil
}

// checkResponse accepts 2xx with an XML content type, as Thunderbird does.
func checkResponse(resp *http.Response) error {
	if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
		return errNotFound
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch mt {
	case "text/xml", "application/xml", "text/rdf":
		return nil
	}
	return fmt.Errorf("%w (content type %q, not XML)", errNotFound, mt)
}

// unwrapURLError drops net/http's "Get URL:" prefix (the caller names the
// host) and the resolver's server address from DNS errors.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return withoutDNSServer(err)
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.Scheme + "://" + p.Host
}
