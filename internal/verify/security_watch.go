package verify

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// detectAfter is how long a greeting (or a TLS handshake) may keep us
// waiting before we ask the port, in parallel, whether it speaks the other
// security mode. Real servers greet within milliseconds; a port that says
// nothing for two seconds is most likely waiting for a TLS handshake (or,
// the other way round, for a plaintext command).
const detectAfter = 2 * time.Second

// securityMismatch is the cause with which a session's context is
// cancelled when the port turned out to speak another security mode.
type securityMismatch struct {
	detected profile.Security
}

func (m *securityMismatch) Error() string {
	return "the port speaks " + securityWords(m.detected)
}

// securityWatch stands beside a session while it waits for the greeting or
// the TLS handshake. After detectAfter it probes the port in the other
// mode; when that proves the port speaks something else, it cancels the
// session's context with a *securityMismatch, which closes the connection
// and turns the pending failure into that diagnosis (classifyErr).
type securityWatch struct {
	cancel      context.CancelCauseFunc
	timer       *time.Timer
	cancelProbe context.CancelFunc

	mu      sync.Mutex
	stopped bool
	probing sync.WaitGroup
}

// watchSecurity returns the session's context and its watch; call arm once
// connected and stop once the greeting (and handshake) are in.
func watchSecurity(ctx context.Context) (context.Context, *securityWatch) {
	ctx, cancel := context.WithCancelCause(ctx)
	return ctx, &securityWatch{cancel: cancel}
}

// arm starts the timer for the port srv is connected to. A probe that
// runs for another check does not watch.
func (w *securityWatch) arm(ctx context.Context, o *Options, svc Service, srv profile.Server) {
	if o.probing {
		return
	}
	ctx, w.cancelProbe = context.WithCancel(ctx)
	w.timer = time.AfterFunc(detectAfter, func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.stopped {
			return
		}
		w.probing.Go(func() { w.probe(ctx, o, svc, srv) })
	})
}

// probe asks the port in the other mode and cancels the session on a
// decisive, different answer.
func (w *securityWatch) probe(ctx context.Context, o *Options, svc Service, srv profile.Server) {
	other := srv
	other.Security = profile.SecurityTLS
	if srv.Security == profile.SecurityTLS {
		other.Security = profile.SecuritySTARTTLS
	}
	r := Probe(ctx, quietOptions(o), svc, other)
	sec, ok := decisive(r)
	if !ok || sec == srv.Security {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		w.cancel(&securityMismatch{detected: sec})
	}
}

// stop ends the watch: no probe starts, a probe in flight is cancelled,
// and none cancels the session afterwards.
func (w *securityWatch) stop() {
	w.mu.Lock()
	w.stopped = true
	if w.timer != nil {
		w.timer.Stop()
		w.cancelProbe()
	}
	w.mu.Unlock()
	w.probing.Wait()
}

// mismatchError is the failure of a session the watch cancelled.
func mismatchError(m *securityMismatch, svc Service, step StepName, srv profile.Server) *Error {
	return &Error{Kind: KindTLSHandshake, Service: svc, Step: step, Err: m,
		Hint: mismatchHint(svc, srv, m.detected)}
}

// detectedSecurity is what the watch found out about the port, or "".
func detectedSecurity(e *Error) string {
	var m *securityMismatch
	if e != nil && errors.As(e.Err, &m) {
		return m.detected.String()
	}
	return ""
}
