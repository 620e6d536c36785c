package repair

import (
	"crypto/x509"
	"encoding/pem"
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// recordedCert is the certificate the profile recorded (seen at the last
// verification, or pinned) whose fingerprint is among fps; nil when none
// was kept.
func recordedCert(t profile.TLSTrust, fps []string) *verify.CertInfo {
	for _, text := range []string{t.SeenCert, t.PinnedCert} {
		rest := []byte(text)
		for {
			var block *pem.Block
			if block, rest = pem.Decode(rest); block == nil {
				break
			}
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				continue
			}
			if info := verify.DescribeCert(c); slices.Contains(fps, info.SHA256) {
				return &info
			}
		}
	}
	return nil
}
