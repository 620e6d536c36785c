package repair

import (
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
)

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
