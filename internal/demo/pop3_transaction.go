package demo

import (
	"fmt"
	"strconv"
	"strings"
)

// stat is STAT: the number and total size of messages not marked deleted.
func (s *pop3Session) stat() error {
	n, size := 0, 0
	for i, m := range s.msgs {
		if !s.deleted[i] {
			n, size = n+1, size+len(m.data)
		}
	}
	return s.c.ok(fmt.Sprintf("%d %d", n, size))
}

// list is LIST [n]: "n size" per message.
func (s *pop3Session) list(arg string) error {
	return s.scanListing(arg, func(i int, m message) string { return fmt.Sprintf("%d %d", i+1, len(m.data)) },
		fmt.Sprintf("%d messages:", s.live()))
}

// uidl is UIDL [n]: "n unique-id" per message (RFC 1939 section 7).
func (s *pop3Session) uidl(arg string) error {
	return s.scanListing(arg, func(i int, m message) string { return fmt.Sprintf("%d %s", i+1, m.uidl) }, "")
}

// scanListing answers LIST and UIDL: one line for "n", or every live message.
func (s *pop3Session) scanListing(arg string, entry func(int, message) string, header string) error {
	if arg != "" {
		i, bad := s.msgArg(arg)
		if bad != "" {
			return s.c.fail(bad)
		}
		return s.c.ok(entry(i, s.msgs[i]))
	}
	var lines []string
	for i, m := range s.msgs {
		if !s.deleted[i] {
			lines = append(lines, entry(i, m))
		}
	}
	return s.c.multi(header, lines)
}

// retr is RETR n: the whole message, dot-stuffed.
func (s *pop3Session) retr(arg string) error {
	i, bad := s.msgArg(arg)
	if bad != "" {
		return s.c.fail(bad)
	}
	data := s.msgs[i].data
	return s.c.multi(fmt.Sprintf("%d octets", len(data)), splitLines(data))
}

// top is TOP n k: the header, the blank line and the first k body lines.
func (s *pop3Session) top(arg string) error {
	num, count, _ := strings.Cut(arg, " ")
	k, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil || k < 0 {
		return s.c.fail("Invalid number of lines: " + quoteArg(count))
	}
	i, bad := s.msgArg(num)
	if bad != "" {
		return s.c.fail(bad)
	}
	return s.c.multi("", topLines(splitLines(s.msgs[i].data), k))
}

// topLines keeps the header section and k lines of the body.
func topLines(lines []string, k int) []string {
	for i, l := range lines {
		if l == "" {
			return lines[:min(len(lines), i+1+k)]
		}
	}
	return lines
}

// dele is DELE n. The mark holds for this session only (RSET clears it) and
// nothing is removed at QUIT: the demo mailbox stays as it was for the next run.
func (s *pop3Session) dele(arg string) error {
	i, bad := s.msgArg(arg)
	if bad != "" {
		return s.c.fail(bad)
	}
	s.deleted[i] = true
	return s.c.ok("Marked to be deleted.")
}

// msgArg parses a message number; it returns the index or the reason it is not usable.
func (s *pop3Session) msgArg(arg string) (int, string) {
	arg = strings.TrimSpace(arg)
	n, err := strconv.Atoi(arg)
	switch {
	case err != nil:
		return 0, "Invalid message number: " + quoteArg(arg)
	case n < 1 || n > len(s.msgs):
		return 0, fmt.Sprintf("There's no message %d.", n)
	case s.deleted[n-1]:
		return 0, fmt.Sprintf("Message %d is marked deleted.", n)
	}
	return n - 1, ""
}

// live counts messages not marked deleted.
func (s *pop3Session) live() int {
	n := 0
	for _, d := range s.deleted {
		if !d {
			n++
		}
	}
	return n
}

// quoteArg quotes a client's argument for an error reply, cut short so the
// reply stays one bounded line whatever the client sent (quoting can make
// each byte four).
func quoteArg(arg string) string {
	const shown = 40
	if len(arg) > shown {
		return strconv.Quote(arg[:shown]) + "..."
	}
	return strconv.Quote(arg)
}
