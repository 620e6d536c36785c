package repair

import (
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// retired are the certificates the servers showed at the last check before
// this one that they show no longer, pinned or not: mutt's file of accepted
// certificates must not go on trusting them.
func retired(seenBefore []string, now profile.TLSTrust) []string {
	var out []string
	for _, fp := range seenBefore {
		if !slices.Contains(now.SeenSHA256, fp) && !slices.Contains(now.PinnedSHA256, fp) {
			out = append(out, fp)
		}
	}
	return out
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
