package pop3

import "net"

// STLS asks the server to start TLS (RFC 2595). On +OK it hands the
// connection to handshake, which runs the TLS handshake (tls.Client and
// HandshakeContext, say) and returns the secured connection; the client
// goes on over that. A refusal is *Error: never fall back to the clear.
// Bytes that arrive after the +OK but before the handshake are refused
// (ErrDataAfterTLS): they would be read as if TLS had protected them.
// Capabilities must be asked again afterwards (Capa).
func (c *Client) STLS(handshake func(net.Conn) (net.Conn, error)) error {
	if _, err := c.text().cmd("STLS"); err != nil {
		return err
	}
	if c.text().br.Buffered() > 0 {
		return ErrDataAfterTLS
	}
	tc, err := handshake(c.conn)
	if err != nil {
		return err
	}
	c.conn, c.tc, c.caps = tc, nil, nil
	return nil
}
