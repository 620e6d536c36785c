package pop3

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
)

// Default bounds; see Client.MaxLineLength and Client.MaxLines.
const (
	// DefaultMaxLineLength is far above RFC 1939's 512 octets: servers put
	// long texts in -ERR replies and long lines in message headers.
	DefaultMaxLineLength = 8 << 10
	DefaultMaxLines      = 4096
)

// textConn is the line layer: bounded line reads, status replies,
// dot-terminated multi-line replies, and writes that are flushed once.
type textConn struct {
	br       *bufio.Reader
	bw       *bufio.Writer
	maxLines int
}

func newTextConn(rw io.ReadWriter, maxLine, maxLines int) *textConn {
	return &textConn{br: bufio.NewReaderSize(rw, maxLine), bw: bufio.NewWriter(rw), maxLines: maxLines}
}

// readLine returns one line without CRLF; a line longer than the buffer is
// ErrLineTooLong, so memory stays bounded.
func (c *textConn) readLine() (string, error) {
	line, err := c.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return "", ErrLineTooLong
	}
	if errors.Is(err, io.EOF) && len(line) > 0 {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return "", err
	}
	return string(bytes.TrimRight(line, "\r\n")), nil
}

// reply reads and parses one status line.
func (c *textConn) reply() (reply, error) {
	line, err := c.readLine()
	if err != nil {
		return reply{}, err
	}
	return parseReply(line)
}

// send writes command lines and flushes once.
func (c *textConn) send(lines ...string) error {
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n\x00") {
			return ErrCommandBreak
		}
		if _, err := c.bw.WriteString(l + "\r\n"); err != nil {
			return err
		}
	}
	return c.bw.Flush()
}

// cmd sends one command and reads its status line; a -ERR is *Error.
func (c *textConn) cmd(line string) (reply, error) {
	if err := c.send(line); err != nil {
		return reply{}, err
	}
	return c.okReply()
}

// okReply reads a status line and turns -ERR into *Error.
func (c *textConn) okReply() (reply, error) {
	r, err := c.reply()
	if err != nil {
		return r, err
	}
	return r, r.err()
}

// readMulti reads the body of a multi-line reply up to the terminating
// ".", undoing dot-stuffing, at most maxLines lines. Past the bound the rest
// is not read: the connection is then out of step and must be closed.
func (c *textConn) readMulti(each func(string)) error {
	for n := 0; ; n++ {
		line, err := c.readLine()
		if err != nil {
			return err
		}
		if line == "." {
			return nil
		}
		if n == c.maxLines {
			return ErrTooManyLines
		}
		each(strings.TrimPrefix(line, "."))
	}
}

// lines reads a multi-line body into a slice.
func (c *textConn) lines() ([]string, error) {
	var out []string
	err := c.readMulti(func(l string) { out = append(out, l) })
	return out, err
}
