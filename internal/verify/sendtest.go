package verify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// sendTestSubject is the subject of the --send-test message.
const sendTestSubject = "setupwiz test message"

// maxArrivalWait bounds how long sendTest waits for the message by POP3.
const maxArrivalWait = 30 * time.Second

// sendTest sends one small message from the account to itself over a fresh
// authenticated SMTP session and, when POP3 was verified, watches the
// mailbox (UIDL, never DELE) until it arrives or the wait runs out.
func sendTest(ctx context.Context, o *Options, r Result) *SendTestResult {
	start := o.now()
	if _, _, err := profile.SplitEmail(o.Email); err != nil {
		return &SendTestResult{Error: &Error{Kind: KindMailbox, Service: ServiceSMTP, Step: StepSend, Err: err,
			Hint: "the account's email address is needed as sender and recipient of the test message"}}
	}
	res := &SendTestResult{MessageID: newMessageID(o.Email)}
	var w *arrivalWatch
	if r.POP3 != nil && r.POP3.OK {
		w = newArrivalWatch(o, r.POP3.Server)
	}
	if e := sendMessage(ctx, o, r.SMTP.Server, res.MessageID); e != nil {
		res.Error = e
	} else if w != nil {
		res.Arrived, res.Error = w.wait(ctx, res.MessageID)
	}
	res.OK = res.Error == nil
	res.Waited = o.now().Sub(start)
	return res
}

// sendMessage logs in as the user name that worked and submits the message.
// Of this second session's progress only the send step is reported: the
// SMTP check itself is already done.
func sendMessage(ctx context.Context, o *Options, srv profile.Server, msgID string) *Error {
	so := *o
	so.UsernameVariants, so.Transcript, so.Progress = false, false, onlyStep(o.Progress, StepSend)
	t := newTracker(&so, ServiceSMTP)
	s, e := openSMTP(ctx, &so, t, srv)
	if e != nil {
		return e
	}
	if _, e := s.login(srv.Username); e != nil {
		s.close()
		return t.fail(e)
	}
	if e := s.submit(o.Email, testMessage(o.Email, msgID, o.now())); e != nil {
		s.close()
		return e
	}
	s.quit()
	return nil
}

// submit runs MAIL FROM, RCPT TO and DATA for one message to from itself.
func (s *smtpSession) submit(addr string, msg []byte) *Error {
	s.t.begin(StepSend)
	if err := s.c.Mail(addr, nil); err != nil {
		return s.fail(err, StepSend)
	}
	if err := s.c.Rcpt(addr, nil); err != nil {
		return s.fail(err, StepSend)
	}
	wc, err := s.c.Data()
	if err != nil {
		return s.fail(err, StepSend)
	}
	if _, err := wc.Write(msg); err != nil {
		return s.fail(err, StepSend)
	}
	if err := wc.Close(); err != nil {
		return s.fail(err, StepSend)
	}
	s.t.end("to " + addr)
	return nil
}

// testMessage is the small plain-text message --send-test sends.
func testMessage(addr, msgID string, now time.Time) []byte {
	h := []string{
		"From: <" + addr + ">",
		"To: <" + addr + ">",
		"Subject: " + sendTestSubject,
		"Date: " + now.Format(time.RFC1123Z),
		"Message-ID: " + msgID,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=us-ascii",
		"Auto-Submitted: auto-generated",
	}
	body := "setupwiz sent this message to check that sending works.\r\nYou can delete it.\r\n"
	return []byte(strings.Join(h, "\r\n") + "\r\n\r\n" + body)
}

// newMessageID is a unique Message-ID in the account's domain.
func newMessageID(addr string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	domain := addr[strings.LastIndexByte(addr, '@')+1:]
	return fmt.Sprintf("<setupwiz.%s@%s>", hex.EncodeToString(b[:]), domain)
}

// onlyStep passes on the events of one step only.
func onlyStep(progress func(Event), step StepName) func(Event) {
	if progress == nil {
		return nil
	}
	return func(e Event) {
		if e.Step == step {
			progress(e)
		}
	}
}
