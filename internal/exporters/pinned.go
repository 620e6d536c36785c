package exporters

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// pinnedCerts are the certificates the profile trusts by their SHA-256
// fingerprint (TLS.PinnedCert, checked against TLS.PinnedSHA256: a
// certificate in the PEM that is not pinned is not trusted either).
func pinnedCerts(p profile.Profile) []*x509.Certificate {
	var out []*x509.Certificate
	rest := []byte(p.TLS.PinnedCert)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return out
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err == nil && block.Type == "CERTIFICATE" && isPinned(p, c) {
			out = append(out, c)
		}
	}
}

func isPinned(p profile.Profile, c *x509.Certificate) bool {
	fp := hexColons(sha256Sum(c.Raw))
	for _, pin := range p.TLS.PinnedSHA256 {
		if strings.EqualFold(strings.ReplaceAll(pin, ":", ""), strings.ReplaceAll(fp, ":", "")) {
			return true
		}
	}
	return false
}

// pinnedFor is the pinned certificate valid for host, else the first pinned one, else nil.
func pinnedFor(p profile.Profile, host string) *x509.Certificate {
	certs := pinnedCerts(p)
	for _, c := range certs {
		if c.VerifyHostname(host) == nil {
			return c
		}
	}
	if len(certs) > 0 {
		return certs[0]
	}
	return nil
}

// md5Fingerprint is how fetchmail names a certificate (sslfingerprint):
// the MD5 of its DER in upper-case hex pairs with colons. It is the only
// form fetchmail 6.4 compares; it pins one certificate the user already
// checked by its SHA-256, where a second certificate with the same MD5
// would need a second-preimage attack.
func md5Fingerprint(c *x509.Certificate) string {
	sum := md5.Sum(c.Raw)
	return hexColons(sum[:])
}

func sha256Sum(b []byte) []byte {
	sum := sha256.Sum256(b)
	return sum[:]
}

func hexColons(b []byte) string {
	parts := make([]string, len(b))
	for i, x := range b {
		parts[i] = fmt.Sprintf("%02X", x)
	}
	return strings.Join(parts, ":")
}
