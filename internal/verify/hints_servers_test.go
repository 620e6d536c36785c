package verify

import (
	"context"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// The hints below each name a server's behaviour; each is checked against
// a real server that behaves so.

// TestHintAuthOnlyAfterSTARTTLS: Postfix with smtpd_tls_auth_only lists no
// AUTH before STARTTLS; with --smtp-security none (and plaintext allowed)
// the failure says so, instead of "the server offers none".
func TestHintAuthOnlyAfterSTARTTLS(t *testing.T) {
	p := mailtest.SharedPostfix(t)
	srv := realServer{host: p.Host, roots: p.CAPool}
	o := serverOpts(srv, ServiceSMTP, endpoint{p.Submission, profile.SecurityNone}, p.User("alice"))
	o.AllowPlaintext = true
	res := Check(context.Background(), o).SMTP
	if res.OK || res.Error.Kind != KindPlaintextRefused || !strings.Contains(res.Error.Hint, "only after STARTTLS") ||
		!strings.Contains(res.Error.Hint, "--smtp-security starttls") {
		t.Fatalf("%v, hint %q", res.Error, hintOf(res.Error))
	}
	if strings.Contains(transcriptText(res), "C: AUTH") {
		t.Errorf("AUTH sent in the clear:\n%s", transcriptText(res))
	}
}

// TestHintSTARTTLSRefusedByServer: Postfix whose key does not match its
// certificate still lists STARTTLS and answers it with "454 4.7.0 TLS not
// available due to local problem". That is the server's TLS, not a
// plaintext-only port.
func TestHintSTARTTLSRefusedByServer(t *testing.T) {
	p := mailtest.StartPostfix(t)
	p.BreakTLSKey(t)
	srv := realServer{host: p.Host, roots: p.CAPool}
	res := Check(context.Background(), serverOpts(srv, ServiceSMTP, endpoint{p.Submission, profile.SecuritySTARTTLS}, p.User("alice"))).SMTP
	if res.OK || res.Error.Kind != KindSTARTTLSUnavailable || !strings.HasPrefix(res.Error.ServerText, "454") {
		t.Fatalf("%v", res.Error)
	}
	if h := res.Error.Hint; !strings.Contains(h, "its own TLS setup") || strings.Contains(h, "plaintext only") || res.DetectedSecurity != "" {
		t.Errorf("hint %q, detected %q", h, res.DetectedSecurity)
	}
}

// TestHintServerTLSBroken: Courier with a key that does not match its
// certificate fails inside the handshake on both ports; the hint blames the
// server's TLS, and suggests no other security setting.
func TestHintServerTLSBroken(t *testing.T) {
	c := mailtest.StartCourier(t)
	c.BreakTLSKey(t)
	srv := realServer{host: c.Host, roots: c.CAPool}
	for _, ep := range []endpoint{{c.POP3S, profile.SecurityTLS}, {c.POP3STLS, profile.SecuritySTARTTLS}} {
		res := Check(context.Background(), serverOpts(srv, ServicePOP3, ep, c.User("alice"))).POP3
		if res.OK || res.Error.Kind != KindTLSHandshake || res.Error.Hint != serverTLSBrokenHint || res.DetectedSecurity != "" {
			t.Errorf("%s: %v, hint %q, detected %q", ep, res.Error, hintOf(res.Error), res.DetectedSecurity)
		}
	}
}
