package demo

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
)

// listenLoopback opens one free port on 127.0.0.1 and, where the machine has
// IPv6 loopback, the same port on ::1, so that "localhost" reaches the demo
// whichever address a client tries first. It retries when that port is taken
// on ::1: a client could otherwise reach some other program there.
func listenLoopback() ([]net.Listener, int, error) {
	for range 20 {
		l4, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			return nil, 0, fmt.Errorf("demo server: listening on 127.0.0.1: %w", err)
		}
		port := l4.Addr().(*net.TCPAddr).Port
		l6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port)))
		switch {
		case err == nil:
			return []net.Listener{l4, l6}, port, nil
		case errors.Is(err, syscall.EADDRINUSE):
			l4.Close()
		default: // no IPv6 loopback: clients trying ::1 are refused and move on
			return []net.Listener{l4}, port, nil
		}
	}
	return nil, 0, errors.New("demo server: no port was free on both 127.0.0.1 and ::1")
}
