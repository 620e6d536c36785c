package mailtest

import (
	"fmt"
	"net"
)

// freePort asks the kernel for a free loopback TCP port and releases it for
// Dovecot to bind. Another process may take it in between; the caller retries
// the start when Dovecot reports "Address already in use".
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free loopback port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// freePorts returns n distinct free ports.
func freePorts(n int) ([]int, error) {
	seen := map[int]bool{}
	for len(seen) < n {
		p, err := freePort()
		if err != nil {
			return nil, err
		}
		seen[p] = true
	}
	ports := make([]int, 0, n)
	for p := range seen {
		ports = append(ports, p)
	}
	return ports, nil
}

// ipv6Loopback reports whether ::1 can be bound here (some containers have no IPv6).
func ipv6Loopback() bool {
	l, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		return false
	}
	l.Close()
	return true
}
