package setup

import (
	"encoding/pem"
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// pinnedPEM is the PEM of the certificates a passed check accepted only
// because the user pinned them, "" when there were none.
func pinnedPEM(r verify.Result) string { return certsPEM(r, true) }

// certsPEM is the PEM of the certificates of the services that passed (only
// the pinned ones with onlyPinned), each once.
func certsPEM(r verify.Result, onlyPinned bool) string {
	var b strings.Builder
	var seen []string
	for _, s := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if s == nil || !s.OK || s.TLS == nil || onlyPinned && !s.TLS.Cert.Pinned || len(s.TLS.Cert.DER) == 0 || slices.Contains(seen, s.TLS.Cert.SHA256) {
			continue
		}
		seen = append(seen, s.TLS.Cert.SHA256)
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.TLS.Cert.DER}))
	}
	return b.String()
}

// certPath is where the pinned certificates of the profile called name
// are saved for the mail programs; "" when the flow keeps no such files.
func (f *Flow) certPath(name string) string {
	if f.CertDir == "" {
		return ""
	}
	return filepath.Join(f.CertDir, name+".pem")
}

// withPinnedFile points p at the saved copy of its pinned certificates.
func (f *Flow) withPinnedFile(p profile.Profile) profile.Profile {
	p.TLS.PinnedCertFile = ""
	if p.TLS.PinnedCert != "" && len(p.TLS.PinnedSHA256) > 0 {
		p.TLS.PinnedCertFile = f.certPath(p.Name)
	}
	return p
}
