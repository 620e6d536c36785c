package setup_test

import (
	"testing"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// A verified certificate is remembered for repair's report, never trusted:
// pinning it would let it through after it expires or is revoked.
func TestRecordVerifiedRemembersWithoutPinning(t *testing.T) {
	p := profile.New("jane@example.org", "Jane")
	sr := func(fp string) *verify.ServiceResult {
		return &verify.ServiceResult{OK: true, TLS: &verify.TLSInfo{Cert: verify.CertInfo{SHA256: fp}}}
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	setup.RecordVerified(&p, verify.Result{POP3: sr("AA:AA"), SMTP: sr("BB:BB")}, now)
	if len(p.TLS.PinnedSHA256) != 0 {
		t.Errorf("pinned %v: a verification must not pin", p.TLS.PinnedSHA256)
	}
	if len(p.TLS.SeenSHA256) != 2 || p.TLS.SeenSHA256[0] != "AA:AA" || p.TLS.SeenSHA256[1] != "BB:BB" || !p.Verified.Equal(now) {
		t.Errorf("seen %v verified %v", p.TLS.SeenSHA256, p.Verified)
	}
	setup.RecordVerified(&p, verify.Result{POP3: sr("CC:CC"), SMTP: sr("CC:CC")}, now)
	if len(p.TLS.SeenSHA256) != 1 || p.TLS.SeenSHA256[0] != "CC:CC" {
		t.Errorf("seen %v, want only the certificate shown now", p.TLS.SeenSHA256)
	}
}
