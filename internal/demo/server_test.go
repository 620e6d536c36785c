package demo_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"

	"github.com/setupwiz/setupwiz/internal/demo"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestThrowawayCA(t *testing.T) {
	s := start(t, demo.Options{})
	block, _ := pem.Decode(s.CAPEM)
	if block == nil {
		t.Fatal("CAPEM holds no PEM block")
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	key, ok := ca.PublicKey.(*ecdsa.PublicKey)
	if !ok || key.Curve != elliptic.P256() || !ca.IsCA {
		t.Errorf("CA: key %T, CA=%v; want an ECDSA P-256 CA", ca.PublicKey, ca.IsCA)
	}
	for _, name := range []string{"localhost", "127.0.0.1"} {
		c, err := tls.Dial("tcp", addr(s, s.POP3S), &tls.Config{RootCAs: s.Roots, ServerName: name})
		if err != nil {
			t.Errorf("TLS to POP3S as %q: %v", name, err)
			continue
		}
		c.Close()
	}
	if _, err := tls.Dial("tcp", addr(s, s.POP3S), &tls.Config{ServerName: "localhost"}); err == nil {
		t.Error("the demo certificate was trusted without the demo CA")
	}
}

func TestTwoServersHaveDifferentCAs(t *testing.T) {
	a, b := start(t, demo.Options{}), start(t, demo.Options{})
	if string(a.CAPEM) == string(b.CAPEM) {
		t.Error("two demo servers share a CA; it must be made fresh at each start")
	}
	if _, err := tls.Dial("tcp", addr(b, b.POP3S), &tls.Config{RootCAs: a.Roots, ServerName: "localhost"}); err == nil {
		t.Error("server b's certificate verified against server a's CA")
	}
}

func TestProfileDescribesTheDemoServers(t *testing.T) {
	s := start(t, demo.Options{})
	p := s.Profile()
	if err := p.Validate(); err != nil {
		t.Errorf("Profile().Validate() = %v", err)
	}
	wantIn := profile.Server{Host: "localhost", Port: s.POP3S, Security: profile.SecurityTLS, Username: "demo@setupwiz.test"}
	wantOut := profile.Server{Host: "localhost", Port: s.Submissions, Security: profile.SecurityTLS, Username: "demo@setupwiz.test"}
	if p.Email != "demo@setupwiz.test" || p.Incoming != wantIn || p.Outgoing != wantOut {
		t.Errorf("Profile() = %+v", p)
	}
	if !p.POP.LeaveOnServer {
		t.Error("Profile() does not leave mail on the server")
	}
	ports := map[int]bool{s.POP3S: true, s.POP3: true, s.Submissions: true, s.Submission: true}
	if len(ports) != 4 {
		t.Errorf("ports %d %d %d %d are not four distinct ports", s.POP3S, s.POP3, s.Submissions, s.Submission)
	}
}

// serverGoroutines lists goroutines still inside the demo server's or go-smtp's
// code. A goroutine with a single such frame is only returning from its entry
// function (its WaitGroup already counted it done), so it is not counted.
func serverGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if serverFrames(g) >= 2 {
			found = append(found, g)
		}
	}
	return found
}

func serverFrames(goroutine string) int {
	n := 0
	for _, line := range strings.Split(goroutine, "\n") {
		if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "created by ") {
			continue
		}
		if strings.Contains(line, "setupwiz/internal/demo.") || strings.Contains(line, "emersion/go-smtp.") {
			n++
		}
	}
	return n
}

// openEveryKindOfConnection leaves sessions in several states for Close to end.
func openEveryKindOfConnection(t *testing.T, s *demo.Server) {
	for range 20 {
		idle := dialPOP3(t, addr(s, s.POP3), nil)
		idle.multi("CAPA")
	}
	authed := dialPOP3(t, addr(s, s.POP3S), clientTLS(s))
	authed.login(s.Email, s.Password)
	c, err := smtp.DialStartTLS(addr(s, s.Submission), clientTLS(s))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Noop(); err != nil {
		t.Fatal(err)
	}
	for _, port := range []int{s.POP3S, s.Submissions} { // no TLS ClientHello ever comes
		raw, err := net.Dial("tcp", addr(s, port))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
	}
}

func TestCloseLeavesNoGoroutine(t *testing.T) {
	s, err := demo.Start(context.Background(), demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	openEveryKindOfConnection(t, s)
	if len(serverGoroutines()) == 0 {
		t.Fatal("no server goroutine found while serving: the check below would prove nothing")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if left := serverGoroutines(); len(left) > 0 {
		t.Errorf("%d goroutines left after Close:\n%s", len(left), strings.Join(left, "\n\n"))
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if c, err := net.Dial("tcp", addr(s, s.POP3S)); err == nil {
		c.Close()
		t.Error("POP3S still accepts connections after Close")
	}
}

func TestContextEndStopsServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := demo.Start(ctx, demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	openEveryKindOfConnection(t, s)
	cancel()
	s.Close() // waits for the shutdown the cancellation began
	if left := serverGoroutines(); len(left) > 0 {
		t.Errorf("%d goroutines left after the context ended:\n%s", len(left), strings.Join(left, "\n\n"))
	}
	if c, err := net.Dial("tcp", addr(s, s.Submissions)); err == nil {
		c.Close()
		t.Error("submissions still accepts connections after the context ended")
	}
}

// TestBothLoopbackAddressesAnswer: "localhost" may resolve to ::1 first, and
// then the demo (not some other program) must answer there on the same port.
func TestBothLoopbackAddressesAnswer(t *testing.T) {
	if l, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI machines have an IPv6 loopback, this one has none: %v", err)
		}
		t.Skipf("this machine has no IPv6 loopback: %v", err)
	} else {
		l.Close()
	}
	s := start(t, demo.Options{})
	for _, ip := range []string{"127.0.0.1", "::1"} {
		p := dialPOP3(t, net.JoinHostPort(ip, strconv.Itoa(s.POP3S)), clientTLS(s))
		p.login(s.Email, s.Password)
	}
}
