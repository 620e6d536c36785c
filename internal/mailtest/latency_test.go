package mailtest_test

import (
	"bufio"
	"io"
	"net"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// echoServer answers every line with the same line and returns its address.
func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _, _ = io.Copy(c, c) }()
		}
	}()
	return ln.Addr().String()
}

// The proxy must add at least 2*oneWay to every round trip, keep the bytes
// in order and pass on a close. Only a lower bound is checked: the proxy
// sleeps, so a shorter round trip would be a bug, never load.
func TestLatencyProxyDelaysBothDirections(t *testing.T) {
	const oneWay = 40 * time.Millisecond
	proxy := mailtest.NewLatencyProxy(t, echoServer(t), oneWay)
	c, err := net.Dial("tcp", proxy)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	for i, line := range []string{"first\n", "second\n", "third\n"} {
		begin := time.Now()
		if _, err := io.WriteString(c, line); err != nil {
			t.Fatal(err)
		}
		got, err := r.ReadString('\n')
		rtt := time.Since(begin)
		t.Logf("round trip %d: %v", i+1, rtt)
		if err != nil || got != line {
			t.Fatalf("echo %d = %q, %v; want %q", i+1, got, err, line)
		}
		if rtt < 2*oneWay {
			t.Fatalf("round trip %d took %v, want at least %v", i+1, rtt, 2*oneWay)
		}
	}
	c.(*net.TCPConn).CloseWrite()
	if _, err := r.ReadByte(); err != io.EOF {
		t.Fatalf("after half-close: read error %v, want EOF", err)
	}
}

// Pipelined writes must come back in order and not one delay per chunk.
func TestLatencyProxyKeepsOrderWithoutSerialisingChunks(t *testing.T) {
	const oneWay = 30 * time.Millisecond
	proxy := mailtest.NewLatencyProxy(t, echoServer(t), oneWay)
	c, err := net.Dial("tcp", proxy)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	const n = 20
	begin := time.Now()
	for i := range n {
		if _, err := io.WriteString(c, string(rune('a'+i))+"\n"); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond)
	}
	for i := range n {
		got, err := r.ReadString('\n')
		if want := string(rune('a'+i)) + "\n"; err != nil || got != want {
			t.Fatalf("line %d = %q, %v; want %q", i, got, err, want)
		}
	}
	t.Logf("%d pipelined lines took %v (one-way delay %v)", n, time.Since(begin), oneWay)
}
