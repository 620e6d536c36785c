package verify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

const (
	// arrivalPoll is the pause between two looks into the mailbox.
	arrivalPoll = 500 * time.Millisecond
	// arrivalNewest is how many of the newest messages each look examines.
	arrivalNewest = 10
	// maxHeaderLines bounds the header lines read per message (TOP n 0).
	maxHeaderLines = 2000
)

// arrivalWatch looks for the test message in the POP3 mailbox. Each look is
// a fresh session (a POP3 session sees the mailbox as it was at login): log
// in, STAT, then "TOP n 0" on the newest messages, matching the Message-ID
// header. It never deletes and never downloads a message body.
type arrivalWatch struct {
	o   Options // quiet: no progress events, no transcript
	srv profile.Server
}

func newArrivalWatch(o *Options, srv profile.Server) *arrivalWatch {
	q := *o
	q.Progress, q.Transcript, q.UsernameVariants = nil, false, false
	return &arrivalWatch{o: q, srv: srv}
}

// wait looks until the message is there, a look fails for good, or
// maxArrivalWait (or ctx) runs out.
func (w *arrivalWatch) wait(ctx context.Context, msgID string) (bool, *Error) {
	ctx, cancel := context.WithTimeout(ctx, maxArrivalWait)
	defer cancel()
	for {
		found, e := w.look(ctx, msgID)
		if found || (e != nil && !e.Kind.Temporary()) {
			return found, e
		}
		select {
		case <-ctx.Done():
			return false, notArrived(ctx)
		case <-time.After(arrivalPoll):
		}
	}
}

func notArrived(ctx context.Context) *Error {
	kind := KindTimeout
	if errors.Is(ctx.Err(), context.Canceled) {
		kind = KindCanceled
	}
	return &Error{Kind: kind, Service: ServicePOP3, Step: StepMailbox,
		Err:  errors.New("the test message was sent but did not show up in the POP3 mailbox"),
		Hint: "it may be delayed or filtered as spam; look for \"" + sendTestSubject + "\" in your mail later"}
}

// look runs one POP3 session and reports whether the message is there.
func (w *arrivalWatch) look(ctx context.Context, msgID string) (bool, *Error) {
	t := newTracker(&w.o, ServicePOP3)
	s, e := openPOP3(ctx, &w.o, t, w.srv)
	if e != nil {
		return false, e
	}
	defer s.raw.Close()
	s.c.MaxLines = maxHeaderLines
	if _, e := s.login(w.srv.Username); e != nil {
		return false, t.fail(e)
	}
	found, e := s.hasMessageID(msgID)
	if e == nil {
		s.quit()
	}
	return found, e
}

// hasMessageID checks the newest messages' headers for msgID.
func (s *pop3Session) hasMessageID(msgID string) (bool, *Error) {
	s.t.begin(StepMailbox)
	st, err := s.c.Stat()
	if err != nil {
		return false, s.statFail(err)
	}
	for n := st.Count; n > max(0, st.Count-arrivalNewest); n-- {
		header, err := s.c.Top(n, 0)
		if err != nil {
			return false, s.fail(err, StepMailbox)
		}
		if slices.ContainsFunc(header, func(l string) bool { return isMessageID(l, msgID) }) {
			s.t.end(fmt.Sprintf("found in message %d", n))
			return true, nil
		}
	}
	s.t.end("not yet")
	return false, nil
}

// isMessageID reports whether a header line is "Message-ID: msgID" (any
// case, any spacing).
func isMessageID(line, msgID string) bool {
	name, val, ok := strings.Cut(line, ":")
	return ok && strings.EqualFold(strings.TrimSpace(name), "message-id") && strings.TrimSpace(val) == msgID
}
