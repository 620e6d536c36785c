package demo

import (
	"bufio"
	"errors"
	"net"
	"strings"
	"time"
)

// errLineTooLong means a client line exceeded Options.MaxLineLength.
var errLineTooLong = errors.New("line too long")

// pop3Conn is the line layer of a POP3 session: bounded reads with a deadline
// per command, buffered replies, and dot-stuffed multi-line responses.
type pop3Conn struct {
	conn    net.Conn
	r       *bufio.Reader
	w       *bufio.Writer
	timeout time.Duration
	maxLine int
}

func newPOP3Conn(c net.Conn, o Options) *pop3Conn {
	pc := &pop3Conn{timeout: o.CommandTimeout, maxLine: o.MaxLineLength}
	pc.reset(c)
	return pc
}

// reset switches to c (after STLS); anything the client sent ahead in
// plaintext is dropped, so it cannot be smuggled into the TLS session.
func (pc *pop3Conn) reset(c net.Conn) {
	pc.conn = c
	pc.r = bufio.NewReaderSize(c, pc.maxLine)
	pc.w = bufio.NewWriter(c)
}

// readLine returns one line without its CRLF, waiting at most the command timeout.
func (pc *pop3Conn) readLine() (string, error) {
	if err := pc.conn.SetReadDeadline(time.Now().Add(pc.timeout)); err != nil {
		return "", err
	}
	line, err := pc.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return "", errLineTooLong
	}
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(line), "\r\n"), nil
}

// ok and fail send a one-line reply.
func (pc *pop3Conn) ok(text string) error   { return pc.send("+OK", text) }
func (pc *pop3Conn) fail(text string) error { return pc.send("-ERR", text) }

func (pc *pop3Conn) send(status, text string) error {
	if text != "" {
		status += " " + text
	}
	pc.w.WriteString(status + "\r\n")
	return pc.flush()
}

// multi sends "+OK text" and then lines, dot-stuffed, ending with ".".
func (pc *pop3Conn) multi(text string, lines []string) error {
	pc.w.WriteString(strings.TrimSpace("+OK "+text) + "\r\n")
	for _, l := range lines {
		pc.writeStuffed(l)
	}
	pc.w.WriteString(".\r\n")
	return pc.flush()
}

// writeStuffed writes one line, doubling a leading dot (RFC 1939 section 3).
func (pc *pop3Conn) writeStuffed(line string) {
	if strings.HasPrefix(line, ".") {
		pc.w.WriteByte('.')
	}
	pc.w.WriteString(line + "\r\n")
}

// splitLines splits CRLF-terminated data into lines without their ends.
func splitLines(data []byte) []string {
	return strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
}

func (pc *pop3Conn) flush() error {
	if err := pc.conn.SetWriteDeadline(time.Now().Add(pc.timeout)); err != nil {
		return err
	}
	return pc.w.Flush()
}
