package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"

	"github.com/setupwiz/setupwiz/internal/mailtest"
)

// verifyDNS is a loopback DNS server that knows one name, answering it with
// 127.0.0.1 and everything else with NXDOMAIN. It records the names asked.
type verifyDNS struct {
	addr  string
	mu    sync.Mutex
	asked []string
}

func startVerifyDNS(t *testing.T, name string) *verifyDNS {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &verifyDNS{addr: pc.LocalAddr().String()}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		w.WriteMsg(d.answer(req, dns.Fqdn(name)))
	})}
	go srv.ActivateAndServe()
	t.Cleanup(func() { srv.Shutdown() })
	return d
}

func (d *verifyDNS) answer(req *dns.Msg, name string) *dns.Msg {
	m := new(dns.Msg)
	q := req.Question[0]
	d.mu.Lock()
	d.asked = append(d.asked, strings.ToLower(q.Name))
	d.mu.Unlock()
	if !strings.EqualFold(q.Name, name) {
		return m.SetRcode(req, dns.RcodeNameError)
	}
	m.SetReply(req)
	if q.Qtype == dns.TypeA {
		m.Answer = append(m.Answer, &dns.A{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 60},
			A: net.IPv4(127, 0, 0, 1)})
	}
	return m
}

func (d *verifyDNS) wasAsked(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, a := range d.asked {
		if a == dns.Fqdn(name) {
			return true
		}
	}
	return false
}

// TestVerifyHonoursDNSServer: a POP3 host that only --dns-server knows is
// found through it and verified against the real Dovecot.
func TestVerifyHonoursDNSServer(t *testing.T) {
	srv := mailtest.Shared(t)
	const host = "pop.only-in-our-dns.test"
	d := startVerifyDNS(t, host)
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte(srv.User("alice").Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := run(context.Background(), []string{"verify", "--json", "--only", "pop3", "--email", "alice@example.test",
		"--pop-host", host, "--pop-port", strconv.Itoa(srv.POP3Lenient), "--pop-security", "none", "--allow-plaintext",
		"--password-file", pw, "--dns-server", d.addr}, e)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut.String())
	}
	var doc struct {
		POP3 struct {
			Steps []struct{ Name, Detail string }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.POP3.Steps) == 0 {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if s := doc.POP3.Steps[0]; s.Name != "resolve" || s.Detail != "127.0.0.1" || !d.wasAsked(host) {
		t.Errorf("resolve step %+v; DNS server asked %q", s, d.asked)
	}
}
