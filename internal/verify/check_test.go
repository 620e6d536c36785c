package verify

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// accountOpts checks user's POP3S and submissions (implicit TLS) on srv.
func accountOpts(srv *mailtest.Server, user mailtest.User) Options {
	return Options{
		Email:    user.Email,
		Incoming: profile.Server{Host: srv.Host, Port: srv.POP3S, Security: profile.SecurityTLS, Username: user.Login},
		Outgoing: profile.Server{Host: srv.Host, Port: srv.Submissions, Security: profile.SecurityTLS, Username: user.Login},
		Password: profile.NewPassword(user.Password),
		Roots:    srv.CAPool,
	}
}

// barrierDialer lets no connection through until n dials are waiting, so a
// check that dials its services one after the other can never get past it.
type barrierDialer struct {
	n       int
	mu      sync.Mutex
	waiting int
	open    chan struct{}
}

func newBarrierDialer(n int) *barrierDialer { return &barrierDialer{n: n, open: make(chan struct{})} }

func (d *barrierDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	if d.waiting++; d.waiting == d.n {
		close(d.open)
	}
	d.mu.Unlock()
	select {
	case <-d.open:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

// eventLog records progress events from both services in order.
type eventLog struct {
	mu     sync.Mutex
	events []Event
}

func (l *eventLog) add(e Event) {
	l.mu.Lock()
	l.events = append(l.events, e)
	l.mu.Unlock()
}

// span returns the positions of a service's first and last event.
func (l *eventLog) span(svc Service) (first, last int) {
	first, last = -1, -1
	for i, e := range l.events {
		if e.Service == svc {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// TestCheckRunsServicesConcurrently: both services must be dialling at the
// same time to pass the barrier, and their events interleave.
func TestCheckRunsServicesConcurrently(t *testing.T) {
	srv := mailtest.Shared(t)
	o := accountOpts(srv, srv.User("alice"))
	o.Dialer = newBarrierDialer(2)
	var log eventLog
	o.Progress = log.add
	r := Check(context.Background(), o)
	if !r.OK() || r.POP3 == nil || r.SMTP == nil {
		t.Fatalf("not OK: pop3 %v, smtp %v", r.POP3.Error, r.SMTP.Error)
	}
	p1, p2 := log.span(ServicePOP3)
	s1, s2 := log.span(ServiceSMTP)
	if p1 < 0 || s1 < 0 || p1 > s2 || s1 > p2 {
		t.Errorf("event spans do not overlap: pop3 %d..%d, smtp %d..%d", p1, p2, s1, s2)
	}
	if r.Duration <= 0 || r.POP3.Mailbox == nil || r.POP3.Mailbox.Messages != 3 {
		t.Errorf("duration %v, mailbox %+v", r.Duration, r.POP3.Mailbox)
	}
}

// TestCheckCancelStopsBoth: cancelling while both services wait on silent
// servers ends both with KindCanceled and leaves no goroutine behind.
func TestCheckCancelStopsBoth(t *testing.T) {
	checkNoLeak(t)
	pop, smtp := startFake(t, nil, silent), startFake(t, nil, silent)
	d := newBarrierDialer(2)
	o := Options{Email: faultUser, Password: profile.NewPassword(faultPassword), Dialer: d,
		Incoming:    profile.Server{Host: "127.0.0.1", Port: pop, Security: profile.SecurityNone, Username: faultUser},
		Outgoing:    profile.Server{Host: "127.0.0.1", Port: smtp, Security: profile.SecurityNone, Username: faultUser},
		StepTimeout: time.Hour, Timeout: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	var greetings atomic.Int32
	o.Progress = func(e Event) {
		// Once both services wait for a greeting that never comes, cancel.
		if e.Step == StepGreeting && e.State == EventStarted && greetings.Add(1) == 2 {
			cancel()
		}
	}
	r := Check(ctx, o)
	for _, s := range []*ServiceResult{r.POP3, r.SMTP} {
		if s == nil || s.Error == nil || s.Error.Kind != KindCanceled {
			t.Errorf("%v: want canceled", s.Error)
		}
	}
}

func TestCheckSkipsZeroServer(t *testing.T) {
	srv := mailtest.Shared(t)
	o := accountOpts(srv, srv.User("alice"))
	o.Incoming = profile.Server{}
	r := Check(context.Background(), o)
	if r.POP3 != nil || r.SMTP == nil || !r.OK() {
		t.Fatalf("pop3 %v, smtp %+v", r.POP3, r.SMTP)
	}
}

// errorOnlyTB turns Fatalf into Errorf, for mailtest calls made from the
// check's goroutine (only the test goroutine may stop a test).
type errorOnlyTB struct{ testing.TB }

func (e errorOnlyTB) Fatalf(format string, args ...any) { e.Errorf(format, args...) }
func (e errorOnlyTB) Fatal(args ...any)                 { e.Error(args...) }

// TestSendTestRoundTrip: the message goes through Dovecot's submission to
// the harness sink (Dovecot relays, it does not deliver). Standing in for
// the provider's delivery, the test puts exactly the bytes the sink received
// into the Maildir as soon as the send step reports done; the check then
// has to find it by POP3 on its own (TOP n 0, Message-ID).
func TestSendTestRoundTrip(t *testing.T) {
	srv := mailtest.Start(t)
	user := srv.User("carol")
	o := accountOpts(srv, user)
	o.SendTest = true
	tb := errorOnlyTB{t}
	o.Progress = func(e Event) {
		if e.Service == ServiceSMTP && e.Step == StepSend && e.State == EventDone {
			for _, m := range srv.Sink.Messages() {
				srv.AddMessage(tb, user.Login, m.Data)
			}
		}
	}
	r := Check(context.Background(), o)
	st := r.SendTest
	if !r.OK() || st == nil || !st.OK || !st.Arrived {
		t.Fatalf("send test %+v (error %v); pop3 %v smtp %v", st, errOf(st), r.POP3.Error, r.SMTP.Error)
	}
	msgs := srv.Sink.Messages()
	if len(msgs) != 1 || msgs[0].From != user.Email || len(msgs[0].To) != 1 || msgs[0].To[0] != user.Email {
		t.Fatalf("sink got %d messages: %+v", len(msgs), msgs)
	}
	data := msgs[0].Data
	for _, want := range []string{"Message-ID: " + st.MessageID, "Subject: " + sendTestSubject} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("message lacks %q:\n%s", want, data)
		}
	}
	again := Check(context.Background(), accountOpts(srv, user))
	if again.POP3.Mailbox.Messages != r.POP3.Mailbox.Messages+1 {
		t.Errorf("mailbox has %d messages, want %d: nothing may be deleted", again.POP3.Mailbox.Messages, r.POP3.Mailbox.Messages+1)
	}
}

// TestSendTestWithoutPOP3: with only SMTP checked, the message is sent and
// arrival is not claimed.
func TestSendTestWithoutPOP3(t *testing.T) {
	srv := mailtest.Start(t)
	o := accountOpts(srv, srv.User("alice"))
	o.Incoming, o.SendTest = profile.Server{}, true
	r := Check(context.Background(), o)
	if !r.OK() || r.SendTest == nil || !r.SendTest.OK || r.SendTest.Arrived {
		t.Fatalf("send test %+v (error %v)", r.SendTest, errOf(r.SendTest))
	}
	if n := len(srv.Sink.Messages()); n != 1 {
		t.Errorf("sink has %d messages, want 1", n)
	}
}

func errOf(st *SendTestResult) *Error {
	if st == nil {
		return nil
	}
	return st.Error
}

func TestTestMessageHeaders(t *testing.T) {
	id := newMessageID("a@example.test")
	msg := string(testMessage("a@example.test", id, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	if !strings.HasPrefix(id, "<setupwiz.") || !strings.HasSuffix(id, "@example.test>") || id == newMessageID("a@example.test") {
		t.Errorf("message id %q", id)
	}
	if !strings.Contains(msg, "\r\n\r\n") || strings.Contains(strings.ReplaceAll(msg, "\r\n", ""), "\n") {
		t.Errorf("message must use CRLF only:\n%q", msg)
	}
	if !isMessageID("message-id:   "+id+" ", id) || isMessageID("X-Message-ID: "+id, id) {
		t.Error("isMessageID")
	}
}
