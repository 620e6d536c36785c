package verify

import (
	"context"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// Cancelling the context closes the connection at once: the blocked read
// ends with KindCanceled, long before the step deadline.
func TestPOP3CancelStopsTheCheck(t *testing.T) {
	checkNoLeak(t)
	accepted := make(chan struct{}, 1)
	port := startFake(t, nil, func(c net.Conn) { accepted <- struct{}{}; silent(c) })
	o := faultOpts(port, profile.SecurityNone)
	o.StepTimeout, o.Timeout = time.Hour, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-accepted; cancel() }()
	res := checkPOP3(ctx, o)
	wantKind(t, res, KindCanceled)
}

// The overall deadline ends a check even when every step is within its own.
func TestPOP3TotalTimeout(t *testing.T) {
	checkNoLeak(t)
	port := startFake(t, nil, silent)
	o := faultOpts(port, profile.SecurityNone)
	o.StepTimeout, o.Timeout = time.Hour, 200*time.Millisecond
	res := runPOP3Check(t, o)
	wantKind(t, res, KindTimeout)
}

func TestPOP3ProgressEvents(t *testing.T) {
	srv := mailtest.Shared(t)
	var mu sync.Mutex
	var started, done []StepName
	o := popOpts(srv, srv.User("alice"), srv.POP3S, profile.SecurityTLS)
	o.Progress = func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		if e.Service != ServicePOP3 {
			t.Errorf("event for %s", e.Service)
		}
		if e.State == EventStarted {
			started = append(started, e.Step)
		} else {
			done = append(done, e.Step)
		}
	}
	res := runPOP3Check(t, o)
	wantOK(t, res)
	want := []StepName{StepResolve, StepConnect, StepTLS, StepGreeting, StepCapa, StepAuth, StepMailbox, StepQuit}
	if !slices.Equal(started, want) || !slices.Equal(done, want) || len(res.Steps) != len(want) {
		t.Errorf("started %v done %v steps %d", started, done, len(res.Steps))
	}
}

func TestProbePOP3(t *testing.T) {
	srv := mailtest.Shared(t)
	for _, c := range []struct {
		port int
		sec  profile.Security
	}{{srv.POP3S, profile.SecurityTLS}, {srv.POP3STLS, profile.SecuritySTARTTLS}, {srv.POP3Lenient, profile.SecurityNone}} {
		o := &Options{Roots: srv.CAPool, Transcript: true}
		s := profile.Server{Host: srv.Host, Port: c.port, Security: c.sec}
		r := Probe(context.Background(), o, ServicePOP3, s)
		if !r.OK || r.Greeting != "+OK Dovecot ready." || !slices.Contains(r.Caps, "PIPELINING") || (r.TLS == nil) != (c.sec == profile.SecurityNone) {
			t.Errorf("%s: %+v", c.sec, r)
		}
		if c.sec != profile.SecurityNone && !slices.Contains(r.Caps, "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256") {
			t.Errorf("%s: caps after TLS %q", c.sec, r.Caps)
		}
	}
	bad := Probe(context.Background(), &Options{Roots: srv.CAPool, StepTimeout: time.Second}, ServicePOP3,
		profile.Server{Host: srv.Host, Port: srv.POP3S, Security: profile.SecuritySTARTTLS, Username: "x"})
	if bad.OK || bad.Error == nil || bad.Error.Kind != KindTimeout || bad.Error.Step != StepGreeting {
		t.Errorf("STLS on the implicit TLS port: %+v", bad)
	}
}
