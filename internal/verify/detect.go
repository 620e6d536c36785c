package verify

import (
	"context"
	"errors"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// DetectSecurity finds out how host:port wants to be spoken to: implicit TLS,
// a plaintext greeting with STLS/STARTTLS, or plaintext only. It tries both
// at once, a TLS handshake and a plaintext probe that waits for the
// greeting, and takes the first decisive answer, then stops the other. Some
// providers run implicit TLS on ports usually used for STARTTLS (Spectrum
// on 587), which is why this is asked of the server, not guessed from the
// port. When neither attempt is decisive, the returned ProbeResult is not OK
// and says why.
func DetectSecurity(ctx context.Context, o *Options, svc Service, host string, port int) (profile.Security, ProbeResult) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	po := *o
	po.probing = true // both modes are asked already
	answers := make(chan ProbeResult, 2)
	for _, sec := range []profile.Security{profile.SecurityTLS, profile.SecuritySTARTTLS} {
		srv := profile.Server{Host: host, Port: port, Security: sec}
		go func() { answers <- Probe(ctx, &po, svc, srv) }()
	}
	var seen []ProbeResult
	for i := range 2 {
		r := <-answers
		if sec, ok := decisive(r); ok {
			cancel()
			for range 1 - i { // wait for the other probe: no goroutine outlives the call
				<-answers
			}
			return sec, r
		}
		seen = append(seen, r)
	}
	return fallbackSecurity(seen)
}

// decisive says what a probe's outcome proves about the port, if anything.
// A certificate problem still proves the port speaks TLS; a plaintext
// greeting without STARTTLS proves the port is plaintext only.
func decisive(r ProbeResult) (profile.Security, bool) {
	sec := r.Server.Security
	switch {
	case r.OK:
		return sec, true
	case r.Error.Kind == KindTLSCertificate:
		return sec, true
	case sec == profile.SecuritySTARTTLS && r.Error.Kind == KindSTARTTLSUnavailable && r.Greeting != "" &&
		(r.Service == ServicePOP3 || errors.Is(r.Error.Err, errNoSTARTTLS)):
		// SMTP: only a STARTTLS that EHLO did not list proves plaintext
		// only; one listed and then refused is the server's TLS trouble.
		return profile.SecurityNone, true
	}
	return sec, false
}

// fallbackSecurity picks the more telling of two inconclusive probes: one
// that got a greeting, else the TLS attempt.
func fallbackSecurity(rs []ProbeResult) (profile.Security, ProbeResult) {
	best := rs[0]
	for _, r := range rs[1:] {
		if r.Greeting != "" && best.Greeting == "" || r.Greeting == best.Greeting && r.Server.Security == profile.SecurityTLS {
			best = r
		}
	}
	return best.Server.Security, best
}
