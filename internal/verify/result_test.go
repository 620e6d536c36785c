package verify

import (
	"slices"
	"testing"
)

func TestCertFingerprints(t *testing.T) {
	svc := func(ok bool, fp string) *ServiceResult {
		return &ServiceResult{OK: ok, TLS: &TLSInfo{Cert: CertInfo{SHA256: fp}}}
	}
	cases := []struct {
		name string
		r    Result
		want []string
	}{
		{"both, same certificate", Result{POP3: svc(true, "AA"), SMTP: svc(true, "AA")}, []string{"AA"}},
		{"both, two certificates", Result{POP3: svc(true, "AA"), SMTP: svc(true, "BB")}, []string{"AA", "BB"}},
		{"a failed service is not recorded", Result{POP3: svc(false, "AA"), SMTP: svc(true, "BB")}, []string{"BB"}},
		{"plaintext service", Result{POP3: &ServiceResult{OK: true}, SMTP: svc(true, "")}, nil},
		{"nothing checked", Result{}, nil},
	}
	for _, c := range cases {
		if got := c.r.CertFingerprints(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
