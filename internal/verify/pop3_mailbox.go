package verify

import (
	"errors"
	"fmt"

	"github.com/setupwiz/setupwiz/internal/pop3"
)

// mailbox reads STAT and checks that UIDL works, once the login reply is
// in: STAT and "UIDL 1" go out together when the server allows pipelining.
// "UIDL 1" keeps the reply one line long however big the mailbox is; an
// empty mailbox needs the list form instead.
func (s *pop3Session) mailbox() (*MailboxStats, *Error) {
	s.t.begin(StepMailbox)
	st, uidErr, err := s.statUIDL()
	if err != nil {
		return nil, s.statFail(err)
	}
	stats := &MailboxStats{Messages: st.Count, Octets: st.Size, UIDL: uidErr == nil}
	if st.Count == 0 {
		_, err := s.c.UIDLs()
		if brokenReply(err) {
			return nil, s.netFail(err, StepMailbox)
		}
		stats.UIDL = err == nil
	}
	s.t.end(mailboxDetail(stats))
	return stats, nil
}

// statUIDL asks STAT and "UIDL 1": together when the server allows
// pipelining, else "UIDL 1" only for a mailbox that has a message 1.
func (s *pop3Session) statUIDL() (pop3.Stat, error, error) {
	if s.has(func(c *pop3.Caps) bool { return c.Pipelining }) {
		st, _, uidErr, err := s.c.StatUIDL(1)
		return st, uidErr, err
	}
	st, err := s.c.Stat()
	if err != nil || st.Count == 0 {
		return st, nil, err
	}
	_, uidErr := s.c.UIDL(1)
	if brokenReply(uidErr) {
		return st, nil, uidErr
	}
	return st, uidErr, nil
}

// brokenReply: err is not an answer the server gave (-ERR) but a failure.
func brokenReply(err error) bool {
	var refused *pop3.Error
	return err != nil && !errors.As(err, &refused)
}

// statFail explains a STAT that failed.
func (s *pop3Session) statFail(err error) *Error {
	if errors.Is(err, pop3.ErrBadStat) {
		return s.t.fail(&Error{Kind: KindProtocol, Err: err, Hint: pop3Hint(KindProtocol, "")})
	}
	return s.fail(err, StepMailbox)
}

func mailboxDetail(st *MailboxStats) string {
	d := fmt.Sprintf("%d messages, %s", st.Messages, humanBytes(st.Octets))
	if !st.UIDL {
		d += ", UIDL not supported"
	}
	return d
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
