package discover

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"
)

// fetched is the outcome of one URL.
type fetched struct {
	URL string
	Cfg *Config
	Err error
}

// firstConfig fetches all urls at once and returns the first success in
// list order, waiting only for the URLs before it (the same priority rule
// as the runner). It returns the failures of the URLs it waited for.
func (s *session) firstConfig(ctx context.Context, urls []string) (*fetched, []fetched) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chans := make([]chan fetched, len(urls))
	for i, u := range urls {
		chans[i] = make(chan fetched, 1)
		go func(u string, out chan<- fetched) {
			cfg, err := fetchConfig(ctx, s.http, u, s.o.probeTimeout())
			out <- fetched{URL: u, Cfg: cfg, Err: err}
		}(u, chans[i])
	}
	var failed []fetched
	for _, ch := range chans {
		select {
		case f := <-ch:
			if f.Err == nil {
				return &f, failed
			}
			failed = append(failed, f)
		case <-ctx.Done():
			return nil, failed
		}
	}
	return nil, failed
}

// failureError turns the failures into the source's error: nil when every
// URL simply had nothing (no such host, connection refused, 404), so the
// source reports "none"; otherwise the first real problem (a certificate
// error, a timeout, malformed XML) so the user can see it.
func failureError(failed []fetched, absent func(error) bool) (detail string, err error) {
	var parts []string
	for _, f := range failed {
		if !absent(f.Err) {
			return "", f.Err
		}
		parts = append(parts, f.Err.Error())
	}
	return strings.Join(parts, "; "), nil
}

// isAbsent reports whether err just means "nothing there".
func isAbsent(err error) bool {
	return errors.Is(err, errNotFound) || isNotFound(err) || errors.Is(err, syscall.ECONNREFUSED) || isNoSuchHost(err)
}

// isNoDocument is the strict form for the ISPDB: only its own "no entry" answer.
func isNoDocument(err error) bool { return errors.Is(err, errNotFound) }

func isNoSuchHost(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && (de.IsNotFound || strings.Contains(de.Err, "no such host"))
}
