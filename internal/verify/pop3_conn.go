package verify

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
)

// pop3Conn is the line layer of the POP3 client: bounded line reads
// (maxPOP3Line), status replies, dot-terminated multi-line replies and
// commands that can be pipelined (several written, one flush).
type pop3Conn struct {
	conn net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
	tw   *textproto.Writer
}

func newPOP3Conn(c net.Conn) *pop3Conn {
	bw := bufio.NewWriter(c)
	return &pop3Conn{conn: c, br: bufio.NewReaderSize(c, maxPOP3Line), bw: bw, tw: textproto.NewWriter(bw)}
}

// readLine returns one line without its CRLF; a line longer than the
// reader's buffer is a protocol error, so memory stays bounded.
func (c *pop3Conn) readLine() ([]byte, error) {
	line, err := c.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, errLineTooLong
	}
	if err != nil {
		return nil, err
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

// reply reads and parses one status line.
func (c *pop3Conn) reply() (pop3Reply, error) {
	line, err := c.readLine()
	if err != nil {
		return pop3Reply{}, err
	}
	return parseReply(string(line))
}

// send writes command lines and flushes once: one line is a plain command,
// several lines are a pipeline (RFC 2449 PIPELINING).
func (c *pop3Conn) send(lines ...string) error {
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n\x00") {
			return errCommandBreak
		}
		if _, err := c.bw.WriteString(l + "\r\n"); err != nil {
			return err
		}
	}
	return c.bw.Flush()
}

// cmd sends one command and reads its status line.
func (c *pop3Conn) cmd(format string, args ...any) (pop3Reply, error) {
	line := fmt.Sprintf(format, args...)
	if strings.ContainsAny(line, "\r\n\x00") {
		return pop3Reply{}, errCommandBreak
	}
	if err := c.tw.PrintfLine("%s", line); err != nil {
		return pop3Reply{}, err
	}
	return c.reply()
}

// errCommandBreak stops a value with a line break from injecting a command.
var errCommandBreak = errors.New("refusing to send a command containing a line break or NUL")

// readMulti reads the body of a multi-line reply up to the terminating
// ".", undoing dot-stuffing, at most maxMultiLines lines.
func (c *pop3Conn) readMulti() ([]string, error) {
	var out []string
	for {
		line, err := c.readLine()
		if err != nil {
			return nil, err
		}
		if string(line) == "." {
			return out, nil
		}
		if len(out) == maxMultiLines {
			return nil, errTooManyLines
		}
		out = append(out, string(bytes.TrimPrefix(line, []byte("."))))
	}
}
