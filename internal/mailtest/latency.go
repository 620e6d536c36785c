package mailtest

import (
	"net"
	"sync"
	"testing"
	"time"
)

// NewLatencyProxy listens on a new loopback port and relays every connection
// to upstream, delaying each direction by oneWay (so a request/response round
// trip gains 2*oneWay, emulating a distant server). Each chunk is delayed by
// oneWay from the moment it was read, so bytes keep their order, bandwidth is
// not throttled, and the two directions do not wait for each other. The proxy
// is closed by t.Cleanup. It returns the proxy's host:port.
func NewLatencyProxy(t testing.TB, upstream string, oneWay time.Duration) (addr string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: latency proxy: %v", err)
	}
	p := &latencyProxy{upstream: upstream, delay: oneWay, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept(ln)
	t.Cleanup(func() { p.close(ln) })
	return ln.Addr().String()
}

type latencyProxy struct {
	upstream string
	delay    time.Duration

	mu     sync.Mutex
	closed bool
	conns  map[net.Conn]struct{}
	wg     sync.WaitGroup
}

func (p *latencyProxy) accept(ln net.Listener) {
	defer p.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

func (p *latencyProxy) serve(client net.Conn) {
	defer p.wg.Done()
	up, err := net.DialTimeout("tcp", p.upstream, 10*time.Second)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(client, up) {
		return
	}
	noDelay(client, up)
	var once sync.Once
	closeBoth := func() { once.Do(func() { client.Close(); up.Close(); p.untrack(client, up) }) }
	done := make(chan struct{})
	go func() { delayCopy(up, client, p.delay, closeBoth); close(done) }()
	delayCopy(client, up, p.delay, closeBoth)
	<-done
	closeBoth()
}

// delayedChunk is data read at a given time, to be written delay later.
type delayedChunk struct {
	data []byte
	at   time.Time
}

// delayCopy copies src to dst, holding each chunk until delay after it was
// read. A reader goroutine stamps chunks; this goroutine writes them in order.
// End of input is passed on as a half-close (after the delay), errors close both sides.
func delayCopy(dst, src net.Conn, delay time.Duration, closeBoth func()) {
	chunks := make(chan delayedChunk, 1024)
	go readChunks(src, chunks)
	defer func() { go drain(chunks) }() // let the reader finish after an early return
	for c := range chunks {
		time.Sleep(time.Until(c.at.Add(delay)))
		if c.data == nil {
			closeWrite(dst)
			return
		}
		if _, err := dst.Write(c.data); err != nil {
			closeBoth()
			return
		}
	}
	closeBoth()
}

// readChunks sends what src delivers, stamped with the time it arrived; a
// chunk with nil data marks a clean end of input.
func readChunks(src net.Conn, out chan<- delayedChunk) {
	defer close(out)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			out <- delayedChunk{append([]byte(nil), buf[:n]...), time.Now()}
		}
		if err != nil {
			if isEOF(err) {
				out <- delayedChunk{nil, time.Now()}
			}
			return
		}
	}
}

func drain(chunks <-chan delayedChunk) {
	for range chunks {
	}
}

func (p *latencyProxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range conns {
			c.Close()
		}
		return false
	}
	for _, c := range conns {
		p.conns[c] = struct{}{}
	}
	return true
}

func (p *latencyProxy) untrack(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		delete(p.conns, c)
	}
}

func (p *latencyProxy) close(ln net.Listener) {
	p.mu.Lock()
	p.closed = true
	ln.Close()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}
