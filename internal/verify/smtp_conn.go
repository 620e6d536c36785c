package verify

import (
	"bytes"
	"net"
)

// maxEHLOTap bounds the copy of the EHLO reply kept for its keyword list.
const maxEHLOTap = 16 << 10

// smtpConn is the connection go-smtp's client talks through. go-smtp reads a
// greeting whenever a client is created, but we read the greeting ourselves
// (to time it as its own step), and after STARTTLS there is none at all
// (RFC 3207 §4.2); so the greeting already received is replayed from memory
// first. While tapping, it keeps a copy of what the server sends, because
// go-smtp does not expose the EHLO reply's keyword list.
type smtpConn struct {
	net.Conn
	replay []byte
	tap    *bytes.Buffer
}

func (c *smtpConn) Read(p []byte) (int, error) {
	if len(c.replay) > 0 {
		n := copy(p, c.replay)
		c.replay = c.replay[n:]
		return n, nil
	}
	n, err := c.Conn.Read(p)
	if c.tap != nil && c.tap.Len() < maxEHLOTap {
		c.tap.Write(p[:min(n, maxEHLOTap-c.tap.Len())])
	}
	return n, err
}

// startTap begins copying server bytes; stopTap returns them and stops.
func (c *smtpConn) startTap() { c.tap = new(bytes.Buffer) }

func (c *smtpConn) stopTap() []byte {
	b := c.tap.Bytes()
	c.tap = nil
	return b
}

// oneByteReader reads at most one byte per call, so a line reader on top of
// it never consumes bytes past the reply it is reading. After STARTTLS that
// matters: bytes a server (or an attacker) sent early must not be mistaken
// for the start of the TLS handshake or for later replies.
type oneByteReader struct{ c net.Conn }

func (r oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return r.c.Read(p[:1])
}
