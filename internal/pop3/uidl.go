package pop3

import (
	"strconv"
	"strings"
)

// UID is one line of a UIDL listing.
type UID struct {
	Msg int
	ID  string
}

// UIDL asks for the unique id of message msg (RFC 1939 §7, "UIDL msg").
func (c *Client) UIDL(msg int) (string, error) {
	if err := c.text().send("UIDL " + strconv.Itoa(msg)); err != nil {
		return "", err
	}
	return c.uidlReply()
}

// uidlReply reads "+OK msg id".
func (c *Client) uidlReply() (string, error) {
	r, err := c.text().okReply()
	if err != nil {
		return "", err
	}
	_, id, _ := strings.Cut(strings.TrimSpace(r.text), " ")
	return strings.TrimSpace(id), nil
}

// UIDLs asks for every message's unique id ("UIDL" without an argument),
// at most MaxLines of them.
func (c *Client) UIDLs() ([]UID, error) {
	if _, err := c.text().cmd("UIDL"); err != nil {
		return nil, err
	}
	var out []UID
	err := c.text().readMulti(func(l string) {
		n, id, _ := strings.Cut(l, " ")
		if msg, err := strconv.Atoi(n); err == nil {
			out = append(out, UID{Msg: msg, ID: strings.TrimSpace(id)})
		}
	})
	return out, err
}
