package exporters

import (
	"io"
	"testing"
)

// BenchmarkExportEveryFormat writes all five formats for one profile.
func BenchmarkExportEveryFormat(b *testing.B) {
	p, o := sampleProfile(), opts()
	for b.Loop() {
		for _, e := range Formats() {
			if err := e.Export(io.Discard, p, o); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkSignedMobileConfig signs (ECDSA P-256) and verifies a profile.
func BenchmarkSignedMobileConfig(b *testing.B) {
	certPEM, keyPEM, _ := testChain(b, b.TempDir(), "ecdsa")
	o := opts()
	o.SignCert, o.SignKey = certPEM, keyPEM
	for b.Loop() {
		if err := MobileConfig().Export(io.Discard, sampleProfile(), o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanPrefsMerge plans a merge into a Thunderbird profile with an account.
func BenchmarkPlanPrefsMerge(b *testing.B) {
	dir := b.TempDir()
	writeFile(b, dir, "prefs.js", []byte(existingPrefs), 0o600)
	pl := &Placer{ThunderbirdProfile: dir, Now: fixedNow}
	for b.Loop() {
		if _, err := pl.Plan([]string{TargetThunderbird}, sampleProfile(), opts()); err != nil {
			b.Fatal(err)
		}
	}
}
