package discover_test

import (
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// testDNS is a real DNS server on loopback (UDP and TCP) serving a small zone.
// Names in hang get no answer at all, like a resolver behind a black hole.
type testDNS struct {
	Addr string

	mu      sync.Mutex
	records map[string][]dns.RR // key: lower-case FQDN + "/" + type
	hang    map[string]bool     // FQDN → never answer
}

func newTestDNS(t testing.TB) *testDNS {
	t.Helper()
	d := &testDNS{records: map[string][]dns.RR{}, hang: map[string]bool{}}
	pc, ln := listenUDPAndTCP(t)
	d.Addr = pc.LocalAddr().String()
	udp := &dns.Server{PacketConn: pc, Handler: d}
	tcp := &dns.Server{Listener: ln, Handler: d}
	go udp.ActivateAndServe()
	go tcp.ActivateAndServe()
	t.Cleanup(func() { udp.Shutdown(); tcp.Shutdown() })
	return d
}

// Add adds records in zone-file syntax, e.g. "_pop3s._tcp.example.test. 60 IN SRV 0 1 995 pop.example.test.".
func (d *testDNS) Add(t testing.TB, lines ...string) {
	t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, l := range lines {
		rr, err := dns.NewRR(l)
		if err != nil {
			t.Fatalf("bad test record %q: %v", l, err)
		}
		key := strings.ToLower(rr.Header().Name) + "/" + dns.TypeToString[rr.Header().Rrtype]
		d.records[key] = append(d.records[key], rr)
	}
}

// Hang makes every query for name go unanswered.
func (d *testDNS) Hang(names ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, n := range names {
		d.hang[dns.Fqdn(strings.ToLower(n))] = true
	}
}

// HangSuffix makes every query under domain go unanswered.
func (d *testDNS) hangs(name string) bool {
	for h := range d.hang {
		if name == h || strings.HasSuffix(name, "."+h) {
			return true
		}
	}
	return false
}

func (d *testDNS) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	if len(req.Question) != 1 {
		return
	}
	q := req.Question[0]
	name := strings.ToLower(q.Name)
	d.mu.Lock()
	hang := d.hangs(name)
	answer := d.records[name+"/"+dns.TypeToString[q.Qtype]]
	exists := d.nameExists(name)
	d.mu.Unlock()
	if hang {
		return
	}
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	m.Answer = answer
	if !exists {
		m.Rcode = dns.RcodeNameError
	}
	w.WriteMsg(m)
}

func (d *testDNS) nameExists(name string) bool {
	for k := range d.records {
		if strings.HasPrefix(k, name+"/") {
			return true
		}
	}
	return false
}

// listenUDPAndTCP binds the same loopback port for UDP and TCP (DNS falls back
// to TCP for long answers), retrying when the TCP side is taken.
func listenUDPAndTCP(t testing.TB) (net.PacketConn, net.Listener) {
	t.Helper()
	for attempt := 0; attempt < 20; attempt++ {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", pc.LocalAddr().String())
		if err == nil {
			return pc, ln
		}
		pc.Close()
	}
	t.Fatal("no loopback port free for both UDP and TCP")
	return nil, nil
}
