package demo

import (
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// FuzzPOP3Session feeds arbitrary client input to a logged-out and a
// logged-in session. The server must not panic or hang, must start with its
// greeting, and must answer only in whole CRLF lines of bounded length.
func FuzzPOP3Session(f *testing.F) {
	for _, s := range []string{"CAPA", "USER demo@setupwiz.test\r\nPASS demo\r\nRETR 3", "AUTH PLAIN\r\n*",
		"AUTH LOGIN ZGVtbw==\r\n###", "TOP 1 999999999999999999999", "LIST -1\r\nUIDL 0\r\nDELE 1\r\nDELE 1",
		"STLS\r\nSTLS", strings.Repeat("x", 5000), "\x00\xff\r\n\r\n", "AUTH PLAIN AGRlbW9Ac2V0dXB3aXoudGVzdABkZW1v\r\nSTAT"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	mb, err := newMailbox()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, input string, authed bool) {
		out := fuzzSession(mb, input, authed)
		if !bytes.HasPrefix(out, []byte("+OK setupwiz demo POP3 server ready.\r\n")) {
			t.Fatalf("no greeting first: %.80q", out)
		}
		for _, line := range bytes.SplitAfter(out, []byte("\r\n")) {
			if len(line) > 0 && (!bytes.HasSuffix(line, []byte("\r\n")) || len(line) > 1000 ||
				bytes.IndexByte(line[:len(line)-2], '\n') >= 0) {
				t.Fatalf("malformed reply line %.80q for input %.80q", line, input)
			}
		}
	})
}

// fuzzSession runs one session over a pipe (marked as TLS, so every command
// is reachable without a handshake) and returns everything the server sent.
func fuzzSession(mb *mailbox, input string, authed bool) []byte {
	client, server := net.Pipe()
	o := Options{CommandTimeout: 100 * time.Millisecond}.withDefaults() // ends sessions left waiting for input
	p := &pop3Server{opts: o, mailbox: mb, creds: credentials{DefaultEmail, DefaultPassword}, sessions: &sync.WaitGroup{}}
	s := p.newSession(server, true)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if authed {
			s.authed, s.msgs = true, mb.snapshot()
			s.deleted = make([]bool, len(s.msgs))
		}
		s.run()
	}()
	go client.Write([]byte(input + "\r\nQUIT\r\n"))
	var out bytes.Buffer
	io.Copy(&out, client) // until the server hangs up
	client.Close()
	<-done
	return out.Bytes()
}
