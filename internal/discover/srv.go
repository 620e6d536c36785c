package discover

import (
	"context"
	"fmt"
	"net"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// srvQuery is one RFC 6186 / RFC 8314 service name.
type srvQuery struct {
	Service  string // "pop3s", "pop3", "submissions", "submission"
	POP      bool
	Security profile.Security
}

// srvQueries are asked in this preference order: implicit TLS first (RFC 8314).
func srvQueries() []srvQuery {
	return []srvQuery{
		{"pop3s", true, profile.SecurityTLS},
		{"pop3", true, profile.SecuritySTARTTLS},
		{"submissions", false, profile.SecurityTLS},
		{"submission", false, profile.SecuritySTARTTLS},
	}
}

// srvAnswer is what one SRV query returned.
type srvAnswer struct {
	Query      srvQuery
	Records    []*net.SRV
	NotOffered bool // a single "." target
	Err        error
}

// srv is the DNS SRV source.
func (s *session) srv(ctx context.Context) (sourceResult, error) {
	answers := s.lookupSRVs(ctx)
	if ctxDone(ctx) != nil {
		return sourceResult{}, ctxDone(ctx)
	}
	var r sourceResult
	var notes []string
	for _, a := range answers {
		r.addSRV(a, s.addr, s.o.randN)
		notes = append(notes, a.summary(s.addr.Domain))
	}
	r.POPNotOffered = answers[0].NotOffered && answers[1].NotOffered && len(r.POP3) == 0
	r.Detail = strings.Join(notes, "; ")
	if !r.found() {
		return r, srvError(answers)
	}
	return r, nil
}

// lookupSRVs asks all four names at once.
func (s *session) lookupSRVs(ctx context.Context) []srvAnswer {
	queries := srvQueries()
	out := make([]srvAnswer, len(queries))
	done := make(chan int, len(queries))
	for i, q := range queries {
		go func(i int, q srvQuery) {
			_, recs, err := s.dns.LookupSRV(ctx, q.Service, "tcp", s.addr.Domain)
			out[i] = srvAnswer{Query: q, Records: recs, Err: err, NotOffered: notOffered(recs)}
			done <- i
		}(i, q)
	}
	for range queries {
		<-done
	}
	return out
}

// notOffered: RFC 2782 says a single record with target "." means the service is decidedly not available.
func notOffered(recs []*net.SRV) bool {
	return len(recs) == 1 && (recs[0].Target == "." || recs[0].Target == "")
}

func (r *sourceResult) addSRV(a srvAnswer, addr address, randN func(int) int) {
	if a.Err != nil && len(a.Records) == 0 || a.NotOffered {
		return
	}
	for _, rec := range orderSRV(a.Records, randN) {
		host := normalizeHost(rec.Target)
		if !validHost(host) || rec.Port == 0 {
			continue
		}
		r.addCandidate(a.Query.POP, &Candidate{
			Server: profile.Server{Host: host, Port: int(rec.Port), Security: a.Query.Security, Username: addr.Email},
			Source: SourceSRV,
			Notes:  []string{fmt.Sprintf("from DNS SRV _%s._tcp (not authenticated); username not published, trying the full address", a.Query.Service)},
		})
	}
}

func (a srvAnswer) summary(domain string) string {
	name := "_" + a.Query.Service + "._tcp." + domain
	switch {
	case a.NotOffered:
		return name + ": not offered"
	case len(a.Records) > 0:
		return fmt.Sprintf("%s: %d record(s)", name, len(a.Records))
	case a.Err != nil && !isNotFound(a.Err):
		return name + ": " + withoutDNSServer(a.Err).Error()
	}
	return name + ": none"
}

// srvError is non-nil only when a lookup failed for a reason other than "no such record".
func srvError(answers []srvAnswer) error {
	for _, a := range answers {
		if a.Err != nil && len(a.Records) == 0 && !isNotFound(a.Err) {
			return fmt.Errorf("SRV _%s._tcp: %w", a.Query.Service, withoutDNSServer(a.Err))
		}
	}
	return nil
}
