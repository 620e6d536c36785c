package verify

import (
	"crypto/x509"
	"testing"

	"github.com/setupwiz/setupwiz/internal/mailtest"
	"github.com/setupwiz/setupwiz/internal/profile"
)

// ExtraRoots (--ca-file) vouch for a server on their own, and a server they
// don't vouch for is still checked against Roots.
func TestExtraRootsTriedBeforeRoots(t *testing.T) {
	srv := mailtest.Shared(t)
	empty := x509.NewCertPool()
	cases := []struct {
		name         string
		roots, extra *x509.CertPool
		ok           bool
	}{
		{"extra vouches, roots don't", empty, srv.CAPool, true},
		{"roots vouch, extra don't", srv.CAPool, empty, true},
		{"neither vouches", empty, empty, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := popOpts(srv, srv.User("alice"), srv.POP3S, profile.SecurityTLS)
			o.Roots, o.ExtraRoots = c.roots, c.extra
			res := runPOP3Check(t, o)
			if c.ok {
				wantOK(t, res)
				return
			}
			wantKind(t, res, KindTLSCertificate)
			if res.Error.Cert == nil || res.Error.Cert.Problem != "unknown_authority" {
				t.Errorf("cert = %+v, want unknown_authority", res.Error.Cert)
			}
		})
	}
}
