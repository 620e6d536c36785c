package mailtest

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"
)

// forwarder listens on 127.0.0.1 and relays each connection to Dovecot's
// plain port from source address 127.0.0.2. Dovecot then sees different
// local and remote addresses and treats the client as insecure: it refuses
// cleartext logins until STLS/STARTTLS, as a real server on the network does.
type forwarder struct {
	port     int // our listening port, kept across stop/listen
	upstream string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func newForwarder(upstreamPort int) *forwarder {
	return &forwarder{
		upstream: net.JoinHostPort("127.0.0.1", strconv.Itoa(upstreamPort)),
		conns:    map[net.Conn]struct{}{},
	}
}

// listen binds the forwarder's port (a new one the first time, the same one
// after a stop) and starts accepting.
func (f *forwarder) listen() error {
	ln, err := listenRetry(net.JoinHostPort("127.0.0.1", strconv.Itoa(f.port)))
	if err != nil {
		return fmt.Errorf("forwarder to %s: %w", f.upstream, err)
	}
	f.mu.Lock()
	f.ln = ln
	f.port = ln.Addr().(*net.TCPAddr).Port
	f.mu.Unlock()
	f.wg.Add(1)
	go f.accept(ln)
	return nil
}

// listenRetry retries briefly: a port just released may still be held by
// the previous listener's teardown.
func listenRetry(addr string) (net.Listener, error) {
	var err error
	for range 50 {
		var ln net.Listener
		if ln, err = net.Listen("tcp", addr); err == nil {
			return ln, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil, err
}

func (f *forwarder) accept(ln net.Listener) {
	defer f.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		f.wg.Add(1)
		go f.serve(c)
	}
}

func (f *forwarder) serve(client net.Conn) {
	defer f.wg.Done()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	up, err := d.Dial("tcp", f.upstream)
	if err != nil {
		client.Close()
		return
	}
	if !f.track(client, up) {
		return
	}
	defer f.untrack(client, up)
	noDelay(client, up)
	pipe(client, up)
}

// pipe copies both ways and closes both ends as soon as either side closes.
func pipe(a, b net.Conn) {
	var once sync.Once
	closeBoth := func() { once.Do(func() { a.Close(); b.Close() }) }
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(a, b)
		closeBoth()
		close(done)
	}()
	_, _ = io.Copy(b, a)
	closeBoth()
	<-done
}

func noDelay(conns ...net.Conn) {
	for _, c := range conns {
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetNoDelay(true)
		}
	}
}

// track registers a live pair; it refuses (and closes them) once stopped.
func (f *forwarder) track(conns ...net.Conn) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ln == nil {
		for _, c := range conns {
			c.Close()
		}
		return false
	}
	for _, c := range conns {
		f.conns[c] = struct{}{}
	}
	return true
}

func (f *forwarder) untrack(conns ...net.Conn) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range conns {
		delete(f.conns, c)
	}
}

// stop closes the listener and every relayed connection and waits for the
// goroutines to finish. The port number is kept for the next listen.
func (f *forwarder) stop() {
	f.mu.Lock()
	if f.ln != nil {
		f.ln.Close()
		f.ln = nil
	}
	for c := range f.conns {
		c.Close()
	}
	f.mu.Unlock()
	f.wg.Wait()
}
