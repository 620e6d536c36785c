package mailtest

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A port still held by someone else when Dovecot restarts must be waited
// for, not turned into a failed start.
func TestRestartWaitsForAPortStillInUse(t *testing.T) {
	s := Start(t)
	s.Stop(t)
	ln, err := holdPort(s.POP3S)
	if err != nil {
		t.Fatalf("hold the POP3S port: %v", err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		ln.Close()
	}()
	s.Restart(t)
	if !strings.Contains(s.LogTail(100), "Address already in use") {
		t.Fatalf("Dovecot never saw the port taken; the test proves nothing:\n%s", s.LogTail(20))
	}
	probe := s.readyProbes()[1]
	if err := probe.check(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatalf("POP3S after restart is not Dovecot: %v", err)
	}
}

// holdPort listens on port, retrying while the killed Dovecot's children
// release it (they exit asynchronously after the process group is signalled).
func holdPort(port int) (net.Listener, error) {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
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
