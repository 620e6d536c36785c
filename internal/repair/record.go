package repair

import (
	"slices"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// RecordVerified notes a successful verification in p: the time, and the
// fingerprint of every certificate that passed, so a later repair can show
// the old and the new fingerprint when the certificate changes.
//
// The fingerprints are kept in TLS.PinnedSHA256 until Profile has a field of
// its own for them; they were trusted when recorded, so pinning them widens
// nothing that was not already accepted.
func RecordVerified(p *profile.Profile, r verify.Result, now time.Time) {
	p.Verified = now
	for _, sr := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if sr == nil || !sr.OK || sr.TLS == nil || sr.TLS.Cert.SHA256 == "" {
			continue
		}
		if !slices.Contains(p.TLS.PinnedSHA256, sr.TLS.Cert.SHA256) {
			p.TLS.PinnedSHA256 = append(p.TLS.PinnedSHA256, sr.TLS.Cert.SHA256)
		}
	}
}

// acceptCertificate replaces the fingerprints the server no longer shows with the new one.
func acceptCertificate(p *profile.Profile, f Finding) {
	kept := p.TLS.PinnedSHA256[:0:0]
	for _, fp := range p.TLS.PinnedSHA256 {
		if !slices.Contains(f.OldSHA256, fp) {
			kept = append(kept, fp)
		}
	}
	p.TLS.PinnedSHA256 = append(kept, f.NewSHA256)
}
