package mailtest

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// Sink limits: it keeps the newest sinkMaxMessages messages, each up to sinkMaxBytes.
const (
	sinkMaxMessages = 100
	sinkMaxBytes    = 1 << 20
)

// SinkMessage is one message Dovecot relayed to the sink.
type SinkMessage struct {
	From string
	To   []string
	Data []byte
}

// Sink is an in-process SMTP server that Dovecot's submission service relays
// to. It accepts every message and keeps the newest 100 (older ones are
// dropped), so tests can check what a client really sent.
type Sink struct {
	srv  *smtp.Server
	addr string
	port int

	mu   sync.Mutex
	msgs []SinkMessage
}

func startSink(errLog io.Writer) (*Sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start the SMTP sink: %w", err)
	}
	k := &Sink{addr: ln.Addr().String(), port: ln.Addr().(*net.TCPAddr).Port}
	k.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &sinkSession{sink: k}, nil
	}))
	k.srv.Domain = "sink.localhost"
	k.srv.MaxMessageBytes = sinkMaxBytes
	k.srv.MaxRecipients = 100
	k.srv.ReadTimeout = time.Minute
	k.srv.WriteTimeout = time.Minute
	k.srv.ErrorLog = log.New(errLog, "mailtest sink: ", 0)
	go func() { _ = k.srv.Serve(ln) }()
	return k, nil
}

// Addr is the sink's host:port.
func (k *Sink) Addr() string { return k.addr }

// Messages returns a copy of the messages received so far, oldest first.
func (k *Sink) Messages() []SinkMessage {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]SinkMessage(nil), k.msgs...)
}

// Reset forgets every stored message.
func (k *Sink) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.msgs = nil
}

func (k *Sink) store(m SinkMessage) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.msgs = append(k.msgs, m)
	if over := len(k.msgs) - sinkMaxMessages; over > 0 {
		k.msgs = append([]SinkMessage(nil), k.msgs[over:]...)
	}
}

func (k *Sink) close() { _ = k.srv.Close() }

// sinkSession collects one SMTP transaction.
type sinkSession struct {
	sink *Sink
	msg  SinkMessage
}

func (s *sinkSession) Reset()        { s.msg = SinkMessage{} }
func (s *sinkSession) Logout() error { return nil }

func (s *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	s.msg.From = from
	return nil
}

func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *sinkSession) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, sinkMaxBytes+1)); err != nil {
		return err
	}
	if buf.Len() > sinkMaxBytes {
		return smtp.ErrDataTooLarge
	}
	s.msg.Data = buf.Bytes()
	s.sink.store(s.msg)
	return nil
}
