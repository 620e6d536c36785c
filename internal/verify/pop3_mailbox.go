package verify

import (
	"fmt"
	"strconv"
	"strings"
)

// mailbox reads STAT and checks that UIDL works. With PIPELINING both
// commands go out together. "UIDL 1" keeps the reply one line long however
// big the mailbox is; an empty mailbox needs the list form instead.
func (s *pop3Session) mailbox() (*MailboxStats, *Error) {
	s.t.begin(StepMailbox)
	piped := s.caps.Pipelining
	lines := []string{"STAT"}
	if piped {
		lines = append(lines, "UIDL 1")
	}
	if s.mailboxSent {
		lines = nil
	}
	if err := s.c.send(lines...); err != nil {
		return nil, s.netFail(err, StepMailbox)
	}
	st, e := s.stat()
	if e != nil {
		return nil, e
	}
	if st.UIDL, e = s.uidlWorks(st.Messages, piped); e != nil {
		return nil, e
	}
	s.t.end(mailboxDetail(st))
	return st, nil
}

func (s *pop3Session) stat() (*MailboxStats, *Error) {
	r, err := s.c.reply()
	if err != nil || !r.OK {
		return nil, s.fail(r, err, StepMailbox)
	}
	st, ok := parseStat(r.Text)
	if !ok {
		return nil, s.t.fail(&Error{Kind: KindProtocol, ServerText: r.serverText(), Hint: pop3Hint(KindProtocol, r),
			Err: fmt.Errorf("%w: STAT reply is not \"count octets\"", errBadReply)})
	}
	return st, nil
}

// parseStat reads "+OK nn mm" (RFC 1939 drop listing).
func parseStat(text string) (*MailboxStats, bool) {
	f := strings.Fields(text)
	if len(f) < 2 {
		return nil, false
	}
	n, err1 := strconv.Atoi(f[0])
	size, err2 := strconv.ParseInt(f[1], 10, 64)
	if err1 != nil || err2 != nil || n < 0 || size < 0 {
		return nil, false
	}
	return &MailboxStats{Messages: n, Octets: size}, true
}

// uidlWorks reads the reply to the pipelined "UIDL 1", or asks now.
func (s *pop3Session) uidlWorks(messages int, piped bool) (bool, *Error) {
	if piped {
		r, err := s.c.reply()
		if err != nil {
			return false, s.netFail(err, StepMailbox)
		}
		if messages > 0 {
			return r.OK, nil
		}
	}
	return s.askUIDL(messages)
}

func (s *pop3Session) askUIDL(messages int) (bool, *Error) {
	cmd := "UIDL"
	if messages > 0 {
		cmd = "UIDL 1"
	}
	r, err := s.c.cmd("%s", cmd)
	if err != nil {
		return false, s.netFail(err, StepMailbox)
	}
	if !r.OK || messages > 0 {
		return r.OK, nil
	}
	if _, err := s.c.readMulti(); err != nil {
		return false, s.netFail(err, StepMailbox)
	}
	return true, nil
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
