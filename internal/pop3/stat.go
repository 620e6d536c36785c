package pop3

import (
	"errors"
	"strconv"
	"strings"
)

// Stat is the drop listing: how many messages, how many octets.
type Stat struct {
	Count int
	Size  int64
}

// Stat sends STAT (RFC 1939 §5).
func (c *Client) Stat() (Stat, error) {
	if err := c.text().send("STAT"); err != nil {
		return Stat{}, err
	}
	return c.statReply()
}

func (c *Client) statReply() (Stat, error) {
	r, err := c.text().okReply()
	if err != nil {
		return Stat{}, err
	}
	return parseStat(r.text)
}

// parseStat reads "nn mm" (RFC 1939 drop listing).
func parseStat(text string) (Stat, error) {
	f := strings.Fields(text)
	if len(f) < 2 {
		return Stat{}, ErrBadStat
	}
	n, err1 := strconv.Atoi(f[0])
	size, err2 := strconv.ParseInt(f[1], 10, 64)
	if err1 != nil || err2 != nil || n < 0 || size < 0 {
		return Stat{}, ErrBadStat
	}
	return Stat{Count: n, Size: size}, nil
}

// StatUIDL asks STAT and "UIDL msg" after a login, in one write when the
// server advertised PIPELINING (both are TRANSACTION-state commands, so no
// state change lies between them) and one after the other otherwise. err
// is STAT's failure or the connection's; uidErr is UIDL's (an *Error when
// the server said -ERR, for example for an empty mailbox).
func (c *Client) StatUIDL(msg int) (st Stat, uid string, uidErr, err error) {
	if c.state != transaction {
		return Stat{}, "", nil, ErrNotLoggedIn
	}
	if !c.pipelining() {
		if st, err = c.Stat(); err != nil {
			return st, "", nil, err
		}
		uid, uidErr = c.UIDL(msg)
		return st, uid, uidErr, brokenConn(uidErr)
	}
	if err := c.text().send("STAT", "UIDL "+strconv.Itoa(msg)); err != nil {
		return Stat{}, "", nil, err
	}
	st, err = c.statReply()
	if brokenConn(err) != nil {
		return st, "", nil, err // no second reply to read
	}
	uid, uidErr = c.uidlReply()
	if err == nil {
		err = brokenConn(uidErr)
	}
	return st, uid, uidErr, err
}

// brokenConn returns err unless it is a reply the server sent (-ERR, or a
// STAT reply of the wrong shape), after which the session goes on.
func brokenConn(err error) error {
	var e *Error
	if err == nil || errors.As(err, &e) || errors.Is(err, ErrBadStat) {
		return nil
	}
	return err
}
