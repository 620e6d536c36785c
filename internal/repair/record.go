package repair

import (
	"slices"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// RecordVerified notes a successful verification in p: the time, and the
// fingerprint of every certificate that passed (TLS.SeenSHA256, a record that
// trusts nothing), so a later repair can show the old and the new fingerprint
// when the certificate changes.
func RecordVerified(p *profile.Profile, r verify.Result, now time.Time) {
	p.Verified = now
	if seen := r.CertFingerprints(); len(seen) > 0 {
		p.TLS.SeenSHA256 = seen
	}
}

// acceptCertificate pins the new certificate the user accepted, in place of
// any pin on the certificates the server no longer shows.
func acceptCertificate(p *profile.Profile, f Finding) {
	kept := p.TLS.PinnedSHA256[:0:0]
	for _, fp := range p.TLS.PinnedSHA256 {
		if !slices.Contains(f.OldSHA256, fp) {
			kept = append(kept, fp)
		}
	}
	p.TLS.PinnedSHA256 = append(kept, f.NewSHA256)
}
