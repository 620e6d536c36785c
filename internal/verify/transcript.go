package verify

import (
	"bytes"
	"net"
	"sync"
)

// wireConn is the net.Conn every protocol client talks through. It cuts the
// byte stream into lines for the transcript (redacting credentials), and it
// bounds what a server can make us read: no line longer than maxWireLine and
// no more than the tracker's session limit in total.
type wireConn struct {
	net.Conn
	t *tracker

	mu      sync.Mutex
	in, out lineSplitter
}

func (w *wireConn) Read(p []byte) (int, error) {
	n, err := w.Conn.Read(p)
	if n == 0 {
		return n, err
	}
	if !w.t.countRead(n) {
		return 0, errTooMuchData
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.in.feed(p[:n], w.t.serverLine) {
		return 0, errLineTooLong
	}
	return n, err
}

func (w *wireConn) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.out.feed(p, w.t.clientLine)
	w.mu.Unlock()
	return w.Conn.Write(p)
}

// lineSplitter collects a byte stream into lines. It keeps at most
// maxShownText bytes of a line for display but counts the whole length.
type lineSplitter struct {
	buf     []byte
	lineLen int
}

// feed passes every completed line to emit and reports false when the
// current line exceeds maxWireLine.
func (s *lineSplitter) feed(p []byte, emit func([]byte, int)) bool {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		chunk := p
		if i >= 0 {
			chunk = p[:i+1]
		}
		s.keep(chunk)
		if i < 0 {
			break
		}
		emit(bytes.TrimRight(s.buf, "\r\n"), s.lineLen)
		s.buf, s.lineLen = s.buf[:0], 0
		p = p[i+1:]
	}
	return s.lineLen <= maxWireLine
}

func (s *lineSplitter) keep(chunk []byte) {
	s.lineLen += len(chunk)
	if room := maxShownText + 4 - len(s.buf); room > 0 {
		s.buf = append(s.buf, chunk[:min(room, len(chunk))]...)
	}
}

// serverLine records a server line and tells the redactor about it.
func (t *tracker) serverLine(line []byte, full int) {
	t.mu.Lock()
	shown := t.red.server(line)
	t.mu.Unlock()
	t.record("S", shownLine(shown, len(line), full))
}

// clientLine records a client line, redacted.
func (t *tracker) clientLine(line []byte, full int) {
	t.mu.Lock()
	shown := t.red.client(line)
	t.mu.Unlock()
	t.record("C", shownLine(shown, len(line), full))
}

func shownLine(shown []byte, kept, full int) string {
	s := safeText(shown)
	if full > kept+2 {
		s += "…[line cut]"
	}
	return s
}
