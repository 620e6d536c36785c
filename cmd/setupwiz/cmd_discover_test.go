package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// discoverEnv captures stdout and stderr of one command run.
func discoverEnv() (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}, &out, &errOut
}

// discoverDNS is a loopback DNS server that never answers SRV or MX queries
// (a resolver behind a black hole for those) and says NXDOMAIN to the rest.
func discoverDNS(t *testing.T) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		if len(req.Question) != 1 || req.Question[0].Qtype == dns.TypeSRV || req.Question[0].Qtype == dns.TypeMX {
			return
		}
		m := new(dns.Msg)
		m.SetRcode(req, dns.RcodeNameError)
		w.WriteMsg(m)
	})}
	go srv.ActivateAndServe()
	t.Cleanup(func() { srv.Shutdown() })
	return pc.LocalAddr().String()
}

// discoverISPDB serves one ISPDB entry over HTTPS and returns its base URL and CA file.
func discoverISPDB(t *testing.T, domain, doc string) (string, string) {
	t.Helper()
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1.1/"+domain {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(doc))
	}))
	t.Cleanup(ts.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw})
	if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return ts.URL + "/v1.1/", ca
}

const discoverISPDBDoc = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain><displayName>Example Mail</displayName>
<incomingServer type="pop3"><hostname>pop.example.test</hostname><port>995</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
<pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3></incomingServer>
<outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>587</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer>
<enable visiturl="https://example.test/settings"><instruction>Switch on POP3 in the settings first.</instruction></enable>
</emailProvider></clientConfig>`

var (
	durationRE = regexp.MustCompile(`"duration_ns": [0-9]+`)
	portRE     = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)
)

// normalizeDiscovery removes what changes between runs: timings and loopback ports.
func normalizeDiscovery(s string) string {
	return portRE.ReplaceAllString(durationRE.ReplaceAllString(s, `"duration_ns": 0`), "127.0.0.1:PORT")
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "discover", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func TestDiscoverJSONGolden(t *testing.T) {
	dnsAddr := discoverDNS(t)
	ispdb, ca := discoverISPDB(t, "example.test", discoverISPDBDoc)
	cases := []struct {
		name   string
		args   []string
		status int
	}{
		{"spectrum-preset.json", []string{"jane@spectrum.net", "--json", "--no-guess", "--dns-server", dnsAddr}, 0},
		{"icloud-no-pop.json", []string{"--json", "jane@icloud.com", "--dns-server", dnsAddr}, 1},
		{"ispdb.json", []string{"--json", "--no-guess", "--dns-server", dnsAddr, "--ispdb-url", ispdb, "--ca-file", ca, "jane@example.test"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, out, errOut := discoverEnv()
			if got := run(context.Background(), append([]string{"discover"}, c.args...), e); got != c.status {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, c.status, errOut)
			}
			checkGolden(t, c.name, normalizeDiscovery(out.String()))
		})
	}
}

func TestDiscoverHumanReport(t *testing.T) {
	dnsAddr := discoverDNS(t)
	ispdb, ca := discoverISPDB(t, "example.test", discoverISPDBDoc)
	e, out, errOut := discoverEnv()
	code := run(context.Background(), []string{"discover", "jane@example.test", "--no-guess", "--dns-server", dnsAddr, "--ispdb-url", ispdb, "--ca-file", ca}, e)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout without --json: %q", out)
	}
	text := errOut.String()
	for _, want := range []string{
		"Discovery for jane@example.test: Example Mail (decided by ispdb)",
		"ispdb      found",
		"srv        canceled", // its DNS never answers; the ISPDB answer does not wait for it
		"1. pop.example.test:995 tls  user jane  auth auto\n     [ispdb, trusted, https://127.0.0.1:",
		"1. smtp.example.test:587 starttls  user jane@example.test  auth auto\n     [ispdb, trusted, https://127.0.0.1:",
		"Switch on POP3 in the settings first. (https://example.test/settings)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}

// The human report is read in an 80-column terminal: long details and notes
// wrap; only a single unbreakable word (a URL) may stick out.
func TestDiscoverHumanReportFits80Columns(t *testing.T) {
	dnsAddr := discoverDNS(t)
	ispdb, ca := discoverISPDB(t, "example.test", discoverISPDBDoc)
	for _, email := range []string{"jane@spectrum.net", "jane@yandex.ru", "jane@outlook.com", "jane@nothing.test", "jane@example.test"} {
		e, _, errOut := discoverEnv()
		run(context.Background(), []string{"discover", "--no-guess", "--timeout", "1s", "--dns-server", dnsAddr, "--ispdb-url", ispdb, "--ca-file", ca, email}, e)
		for _, line := range strings.Split(errOut.String(), "\n") {
			if len([]rune(line)) > 80 && len(strings.Fields(line)) > 1 {
				t.Errorf("%s: line of %d columns:\n%s", email, len([]rune(line)), line)
			}
		}
	}
}

func TestDiscoverSaysHowToGoOnWhenNothingIsFound(t *testing.T) {
	dnsAddr := discoverDNS(t)
	e, _, errOut := discoverEnv()
	code := run(context.Background(), []string{"discover", "--no-guess", "--timeout", "1s", "--dns-server", dnsAddr, "--ispdb-url", "https://127.0.0.1:1/v1.1/", "jane@nothing.test"}, e)
	text := strings.Join(strings.Fields(errOut.String()), " ")
	if code != 1 || !strings.Contains(text, "Next: ask your provider") || !strings.Contains(text, "setupwiz --email jane@nothing.test --pop-host HOST --smtp-host HOST") {
		t.Errorf("exit %d; report:\n%s", code, errOut)
	}
}

func TestDiscoverExitCodes(t *testing.T) {
	dnsAddr := discoverDNS(t)
	cases := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"no address", nil, 2, "exactly one email address"},
		{"two addresses", []string{"a@b.test", "c@d.test"}, 2, "exactly one email address"},
		{"bad address", []string{"not-an-address"}, 2, "not an email address"},
		{"bad flag", []string{"--frobnicate", "a@b.test"}, 2, "frobnicate"},
		{"missing CA file", []string{"--ca-file", "/nonexistent/ca.pem", "a@b.test"}, 2, "ca-file"},
		{"bad timeout", []string{"--timeout", "0s", "a@b.test"}, 2, "timeout"},
		{"DNS server without port", []string{"--dns-server", "127.0.0.1", "a@b.test"}, 2, "want ADDR:PORT"},
		{"nothing found", []string{"--no-guess", "--timeout", "300ms", "--dns-server", dnsAddr, "--ispdb-url", "https://127.0.0.1:1/v1.1/", "jane@nothing.test"}, 1, "no POP3 or SMTP server found"},
		{"no POP at iCloud", []string{"jane@me.com", "--dns-server", dnsAddr}, 1, "iCloud Mail does not offer POP3"},
		{"help", []string{"--help"}, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, _, errOut := discoverEnv()
			if got := run(context.Background(), append([]string{"discover"}, c.args...), e); got != c.status {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, c.status, errOut)
			}
			if !strings.Contains(errOut.String(), c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, errOut)
			}
		})
	}
}
