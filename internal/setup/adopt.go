package setup

import (
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Adopt takes into p what a check found: each server as it worked (the
// username form that was accepted), and, when everything passed, the time
// and the certificates seen (a record for repair that trusts nothing).
func Adopt(p profile.Profile, r verify.Result, now time.Time) profile.Profile {
	if r.POP3 != nil && r.POP3.OK {
		p.Incoming.Username = r.POP3.Server.Username
	}
	if r.SMTP != nil && r.SMTP.OK {
		p.Outgoing.Username = r.SMTP.Server.Username
	}
	if r.OK() {
		RecordVerified(&p, r, now)
		if pinned := pinnedPEM(r); pinned != "" || len(p.TLS.PinnedSHA256) == 0 {
			p.TLS.PinnedCert = pinned // what the user pinned, as the servers show it
		}
	}
	return p
}

// RecordVerified notes a successful check in p: the time, and the
// fingerprint of every certificate that passed (TLS.SeenSHA256), so a later
// repair can tell old from new when the certificate changes.
func RecordVerified(p *profile.Profile, r verify.Result, now time.Time) {
	p.Verified = now.UTC()
	if seen := r.CertFingerprints(); len(seen) > 0 {
		p.TLS.SeenSHA256, p.TLS.SeenCert = seen, certsPEM(r, false)
	}
}

// Corrected lists the services whose configured username failed while the
// other form worked, for a face to say which one the files use.
func Corrected(r verify.Result) []*verify.ServiceResult {
	var out []*verify.ServiceResult
	for _, s := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if s != nil && s.OK && s.UsernameCorrected {
			out = append(out, s)
		}
	}
	return out
}
