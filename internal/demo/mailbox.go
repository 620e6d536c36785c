package demo

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed messages/*.eml
var seedFiles embed.FS

// message is one stored mail: its unique id (UIDL) and its bytes with CRLF line ends.
type message struct {
	uidl string
	data []byte
}

// mailbox is the demo account's maildrop. POP3 sessions take a snapshot at
// login (RFC 1939: the maildrop is fixed for the session); SMTP deliveries append.
type mailbox struct {
	mu       sync.Mutex
	msgs     []message
	received [][]byte
}

// newMailbox loads the seed messages. Each file's name, minus ".eml", is its
// UIDL (in Dovecot's maildir style), so clients that "leave a copy on the
// server" see the same ids in every demo run.
func newMailbox() (*mailbox, error) {
	names, err := fs.Glob(seedFiles, "messages/*.eml")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("demo mailbox: no seed messages (%v)", err)
	}
	mb := &mailbox{}
	for _, name := range names {
		raw, err := seedFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo mailbox: %w", err)
		}
		uidl := strings.TrimSuffix(path.Base(name), ".eml")
		mb.msgs = append(mb.msgs, message{uidl: uidl, data: crlf(raw)})
	}
	return mb, nil
}

// crlf turns bare LF line ends into CRLF, as mail on the wire has them.
func crlf(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
}

// snapshot returns the messages present now.
func (m *mailbox) snapshot() []message {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]message(nil), m.msgs...)
}

// record remembers a message as it was submitted.
func (m *mailbox) record(submitted []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.received = append(m.received, bytes.Clone(submitted))
}

// deliver files a message in the mailbox under a new UIDL.
func (m *mailbox) deliver(data []byte, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	uidl := fmt.Sprintf("%d.M%dP1Q1.setupwiz-demo", now.Unix(), len(m.msgs)+1)
	m.msgs = append(m.msgs, message{uidl: uidl, data: data})
}

// submitted returns copies of every message submitted so far, in order.
func (m *mailbox) submitted() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([][]byte, len(m.received))
	for i, b := range m.received {
		out[i] = bytes.Clone(b)
	}
	return out
}
