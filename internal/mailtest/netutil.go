package mailtest

import (
	"errors"
	"io"
	"net"
)

func isEOF(err error) bool { return errors.Is(err, io.EOF) }

// closeWrite half-closes a TCP connection so the peer sees end of input.
func closeWrite(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
		return
	}
	_ = c.Close()
}
