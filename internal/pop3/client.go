package pop3

import (
	"net"
)

// state is where a POP3 session is (RFC 1939 §3).
type state int

const (
	authorization state = iota // before a successful login
	transaction                // after it
)

// Client is one POP3 connection. Its methods are not safe for concurrent
// use. Every method that reads a reply returns *Error when the server said
// -ERR, *ProtocolError when the line was no POP3 reply, one of the Err*
// values for a bound or misuse, or the connection's error.
type Client struct {
	// MaxLineLength bounds a reply line (default DefaultMaxLineLength) and
	// MaxLines a multi-line reply (default DefaultMaxLines). Set them before
	// the first call.
	MaxLineLength int
	MaxLines      int

	conn  net.Conn
	tc    *textConn
	state state
	stamp string // the greeting's APOP timestamp
	caps  *Caps  // from the last CAPA in this TLS state; nil when not asked
}

// NewClient returns a client on conn. It reads nothing: call Greeting
// first. For implicit TLS (POP3S, RFC 8314) pass the TLS connection.
func NewClient(conn net.Conn) *Client {
	return &Client{conn: conn}
}

// text is the line layer, made on first use so the bounds can be set.
func (c *Client) text() *textConn {
	if c.tc == nil {
		c.tc = newTextConn(c.conn, positive(c.MaxLineLength, DefaultMaxLineLength), positive(c.MaxLines, DefaultMaxLines))
	}
	return c.tc
}

func positive(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Close closes the connection without a word to the server.
func (c *Client) Close() error { return c.conn.Close() }

// LoggedIn reports whether a login succeeded (the TRANSACTION state).
func (c *Client) LoggedIn() bool { return c.state == transaction }
