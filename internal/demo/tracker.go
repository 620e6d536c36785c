package demo

import (
	"net"
	"sync"
)

// tracker remembers every open connection so Close can end them all, and
// refuses connections accepted after Close began.
type tracker struct {
	mu     sync.Mutex
	closed bool
	conns  map[*trackedConn]struct{}
}

func newTracker() *tracker { return &tracker{conns: make(map[*trackedConn]struct{})} }

// listener wraps l so that every accepted connection is tracked.
func (t *tracker) listener(l net.Listener) net.Listener { return &trackedListener{Listener: l, t: t} }

func (t *tracker) add(c net.Conn) *trackedConn {
	tc := &trackedConn{Conn: c, t: t}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		c.Close()
		return tc
	}
	t.conns[tc] = struct{}{}
	return tc
}

func (t *tracker) remove(tc *trackedConn) {
	t.mu.Lock()
	delete(t.conns, tc)
	t.mu.Unlock()
}

// closeAll closes every open connection and every later one.
func (t *tracker) closeAll() {
	t.mu.Lock()
	t.closed = true
	conns := make([]*trackedConn, 0, len(t.conns))
	for c := range t.conns {
		conns = append(conns, c)
	}
	t.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

type trackedListener struct {
	net.Listener
	t *tracker
}

func (l *trackedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return l.t.add(c), nil
}

type trackedConn struct {
	net.Conn
	t    *tracker
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() { c.t.remove(c) })
	return c.Conn.Close()
}
