package pop3

import (
	"bufio"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer is a scripted POP3 server on loopback that behaves like
// Courier and Cyrus at a state change: after AUTH, USER, PASS, APOP and
// STLS it throws away whatever the client had already sent, and it records
// that as a violation of the pipelining rule.
type fakeServer struct {
	answer func(cmd string) []string // reply lines for one command line

	mu         sync.Mutex
	got        []string // every line received, in order
	violations []string
}

// stateChanging names the commands after whose reply a real server may
// start over with fresh input.
func stateChanging(cmd string) bool {
	verb, _, _ := strings.Cut(strings.ToUpper(cmd), " ")
	switch verb {
	case "AUTH", "USER", "PASS", "APOP", "STLS":
		return true
	}
	return false
}

// start listens on 127.0.0.1, serves one connection and returns a client
// dialled to it (with a deadline, so a lost command fails the test instead
// of hanging it).
func (f *fakeServer) start(t *testing.T, greeting string) *Client {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c, err := ln.Accept()
		ln.Close()
		if err != nil {
			return
		}
		defer c.Close()
		f.serve(c, greeting)
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { conn.Close(); <-done })
	return NewClient(conn)
}

func (f *fakeServer) serve(c net.Conn, greeting string) {
	if _, err := c.Write([]byte(greeting + "\r\n")); err != nil {
		return
	}
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.TrimRight(line, "\r\n")
		f.record(cmd)
		if stateChanging(cmd) && br.Buffered() > 0 {
			f.violate(cmd, br.Buffered())
		}
		if _, err := c.Write([]byte(strings.Join(f.answer(cmd), "\r\n") + "\r\n")); err != nil {
			return
		}
		if stateChanging(cmd) {
			br = bufio.NewReader(c) // what was buffered is gone, as with Courier
		}
	}
}

func (f *fakeServer) record(cmd string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, cmd)
}

func (f *fakeServer) violate(cmd string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.violations = append(f.violations, strings.Fields(cmd)[0]+" followed by "+strconv.Itoa(n)+" bytes sent before its reply")
}

func (f *fakeServer) lines() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.got...)
}

func (f *fakeServer) checkNoViolation(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, v := range f.violations {
		t.Errorf("pipelined across a state change: %s", v)
	}
}

// courierLike answers like a server with PIPELINING that accepts
// alice/secret by PLAIN, USER/PASS and APOP, and has two messages.
func courierLike(cmd string) []string {
	verb, _, _ := strings.Cut(strings.ToUpper(cmd), " ")
	switch verb {
	case "CAPA":
		return []string{"+OK", "STLS", "TOP", "USER", "SASL PLAIN LOGIN", "PIPELINING", "UIDL", "RESP-CODES", "."}
	case "STLS":
		return []string{"+OK Begin SSL/TLS negotiation now."}
	case "AUTH":
		if cmd == "AUTH PLAIN AGFsaWNlAHNlY3JldA==" {
			return []string{"+OK logged in."}
		}
		return []string{"-ERR [AUTH] Login failed."}
	case "USER":
		return []string{"+OK Password required."}
	case "PASS", "APOP":
		if cmd == "PASS secret" || strings.HasPrefix(cmd, "APOP alice ") {
			return []string{"+OK logged in."}
		}
		return []string{"-ERR [AUTH] Login failed."}
	case "STAT":
		return []string{"+OK 2 320"}
	case "UIDL":
		return []string{"+OK 1 UID1-abc"}
	case "QUIT":
		return []string{"+OK Bye-bye."}
	}
	return []string{"-ERR Invalid command."}
}
