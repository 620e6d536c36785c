package verify

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

func TestDetectSecurityDovecot(t *testing.T) {
	srv := mailtest.Shared(t)
	cases := []struct {
		name string
		svc  Service
		port int
		want profile.Security
	}{
		{"POP3S", ServicePOP3, srv.POP3S, profile.SecurityTLS},
		{"POP3 STLS", ServicePOP3, srv.POP3STLS, profile.SecuritySTARTTLS},
		{"submissions", ServiceSMTP, srv.Submissions, profile.SecurityTLS},
		{"submission STARTTLS", ServiceSMTP, srv.SubmissionSTARTTLS, profile.SecuritySTARTTLS},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkNoLeak(t)
			o := &Options{Roots: srv.CAPool}
			sec, r := DetectSecurity(context.Background(), o, c.svc, srv.Host, c.port)
			if sec != c.want || !r.OK || r.TLS == nil || r.Greeting == "" {
				t.Fatalf("got %s (OK %v, err %v), want %s", sec, r.OK, r.Error, c.want)
			}
		})
	}
}

// TestDetectSecurityFakes: implicit TLS on a "submission" port (as Spectrum
// does on 587), plaintext only, an untrusted certificate, and nothing there.
func TestDetectSecurityFakes(t *testing.T) {
	pki := newTestPKI(t)
	smtpPlain := smtpScript{greeting: smtpGreeting, replies: map[string]string{"EHLO": smtpEHLO}}.serve
	cases := []struct {
		name  string
		tls   bool
		roots bool
		want  profile.Security
		ok    bool
		kind  Kind
	}{
		{"implicit TLS", true, true, profile.SecurityTLS, true, ""},
		{"plaintext only", false, true, profile.SecurityNone, false, KindSTARTTLSUnavailable},
		{"untrusted certificate", true, false, profile.SecurityTLS, false, KindTLSCertificate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkNoLeak(t)
			cfg := pki.validConfig(t)
			if !c.tls {
				cfg = nil
			}
			port := startFake(t, cfg, smtpPlain)
			o := &Options{StepTimeout: 2 * time.Second}
			if c.roots {
				o.Roots = pki.roots
			}
			sec, r := DetectSecurity(context.Background(), o, ServiceSMTP, "127.0.0.1", port)
			if sec != c.want || r.OK != c.ok || (!c.ok && r.Error.Kind != c.kind) {
				t.Fatalf("got %s OK=%v err=%v, want %s OK=%v %s", sec, r.OK, r.Error, c.want, c.ok, c.kind)
			}
		})
	}
}

func TestDetectSecurityNothingListening(t *testing.T) {
	checkNoLeak(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	_, r := DetectSecurity(context.Background(), &Options{}, ServiceSMTP, "127.0.0.1", port)
	if r.OK || r.Error == nil || r.Error.Kind != KindRefused {
		t.Fatalf("want refused, got OK=%v %v", r.OK, r.Error)
	}
}
