package verify

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer is a scripted server on 127.0.0.1 for faults a real server
// will not produce. Every connection runs serve; Cleanup closes everything
// and waits for the goroutines.
type fakeServer struct {
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

func startFake(t *testing.T, cfg *tls.Config, serve func(net.Conn)) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if cfg != nil {
		ln = tls.NewListener(ln, cfg)
	}
	f := &fakeServer{ln: ln}
	f.wg.Add(1)
	go f.accept(serve)
	t.Cleanup(f.close)
	return ln.Addr().(*net.TCPAddr).Port
}

func (f *fakeServer) accept(serve func(net.Conn)) {
	defer f.wg.Done()
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.mu.Lock()
		f.conns = append(f.conns, c)
		f.mu.Unlock()
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer c.Close()
			serve(c)
		}()
	}
}

func (f *fakeServer) close() {
	f.ln.Close()
	f.mu.Lock()
	for _, c := range f.conns {
		c.Close()
	}
	f.mu.Unlock()
	f.wg.Wait()
}

// checkNoLeak fails the test if goroutines started during it are still
// running after its cleanups (register it first: cleanups run last-in first-out).
func checkNoLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		for range 200 {
			if runtime.NumGoroutine() <= before {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		buf := make([]byte, 1<<16)
		t.Errorf("goroutines: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
	})
}

// pop3Script answers POP3 commands from a table keyed by verb. A reply of
// ending in "<close>" closes the connection after the text before it; endlessAuth answers every line after
// AUTH with a challenge until "*".
type pop3Script struct {
	greeting    string
	replies     map[string]string
	endlessAuth bool
}

func (p pop3Script) serve(c net.Conn) {
	br := bufio.NewReader(c)
	if _, err := c.Write([]byte(p.greeting)); err != nil {
		return
	}
	inAuth := false
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		reply := p.reply(strings.TrimRight(line, "\r\n"), &inAuth)
		body, closing := strings.CutSuffix(reply, "<close>")
		if _, err := c.Write([]byte(body)); err != nil || closing {
			return
		}
	}
}

func (p pop3Script) reply(line string, inAuth *bool) string {
	verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
	switch {
	case *inAuth && line == "*":
		*inAuth = false
		return "-ERR Authentication aborted by client.\r\n"
	case *inAuth || (p.endlessAuth && verb == "AUTH"):
		*inAuth = true
		return "+ eA==\r\n"
	case verb == "QUIT":
		return "+OK bye\r\n"
	}
	if r, ok := p.replies[verb]; ok {
		return r
	}
	return "-ERR Unknown command.\r\n"
}

// testPKI is a throwaway CA that issues leaf certificates for fake TLS servers.
type testPKI struct {
	ca    *x509.Certificate
	key   *ecdsa.PrivateKey
	roots *x509.CertPool
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fault test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(der)
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	return &testPKI{ca: ca, key: key, roots: roots}
}

// serverConfig returns a TLS config with a leaf for names valid from notBefore to notAfter.
func (p *testPKI) serverConfig(t *testing.T, names []string, notBefore, notAfter time.Time) *tls.Config {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: names[0]},
		DNSNames: names, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: notBefore, NotAfter: notAfter,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.ca, &key.PublicKey, p.key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

func (p *testPKI) validConfig(t *testing.T) *tls.Config {
	return p.serverConfig(t, []string{"localhost"}, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
}
