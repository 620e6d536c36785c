package verify

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// certVerifier checks the server's chain against Options.Roots (nil: the
// system roots) for the dialled host, accepting an untrusted certificate
// only when its SHA-256 fingerprint is pinned.
type certVerifier struct {
	o    *Options
	host string
	seen CertInfo
}

// certError carries what is wrong with a certificate.
type certError struct {
	info CertInfo
	err  error
}

func (e *certError) Error() string { return "certificate " + e.info.Problem + ": " + e.err.Error() }
func (e *certError) Unwrap() error { return e.err }

func (v *certVerifier) verify(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("the server sent no certificate")
	}
	leaf := cs.PeerCertificates[0]
	v.seen = certInfo(leaf)
	err := v.verifyChain(cs.PeerCertificates)
	if err == nil {
		return nil
	}
	if pinned(v.o.PinSHA256, v.seen.SHA256) {
		v.seen.Pinned = true
		return nil
	}
	v.seen.Problem = certProblem(err, leaf, v.o)
	return &certError{info: v.seen, err: err}
}

// verifyChain tries ExtraRoots first (one small pool, no system roots to
// load) and then Roots; the error reported is the one against Roots.
func (v *certVerifier) verifyChain(certs []*x509.Certificate) error {
	if v.o.ExtraRoots != nil && v.verifyWith(v.o.ExtraRoots, certs) == nil {
		return nil
	}
	return v.verifyWith(v.o.Roots, certs)
}

func (v *certVerifier) verifyWith(roots *x509.CertPool, certs []*x509.Certificate) error {
	opts := x509.VerifyOptions{Roots: roots, DNSName: v.host, CurrentTime: v.o.now(),
		Intermediates: x509.NewCertPool()}
	for _, c := range certs[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, err := certs[0].Verify(opts)
	return err
}

// certProblem names what is wrong: unknown_authority, expired,
// not_yet_valid or name_mismatch.
func certProblem(err error, leaf *x509.Certificate, o *Options) string {
	var inv x509.CertificateInvalidError
	var host x509.HostnameError
	switch {
	case errors.As(err, &inv) && inv.Reason == x509.Expired:
		if o.now().Before(leaf.NotBefore) {
			return "not_yet_valid"
		}
		return "expired"
	case errors.As(err, &host):
		return "name_mismatch"
	}
	return "unknown_authority"
}

// DescribeCert is what a report shows of a certificate (names, issuer,
// validity, fingerprint), for one that was not just seen on the wire.
func DescribeCert(c *x509.Certificate) CertInfo { return certInfo(c) }

func certInfo(c *x509.Certificate) CertInfo {
	info := CertInfo{Subject: c.Subject.String(), Issuer: c.Issuer.String(), DNSNames: c.DNSNames,
		NotBefore: c.NotBefore, NotAfter: c.NotAfter, SHA256: fingerprint(c.Raw), DER: c.Raw}
	for _, ip := range c.IPAddresses {
		info.IPs = append(info.IPs, ip.String())
	}
	return info
}

// fingerprint is the colon-separated upper-case hex SHA-256 of der.
func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// pinned reports whether fp is among pins (colons and case ignored).
func pinned(pins []string, fp string) bool {
	want := normalizePin(fp)
	for _, p := range pins {
		if normalizePin(p) == want {
			return true
		}
	}
	return false
}

func normalizePin(s string) string {
	r := strings.NewReplacer(":", "", " ", "", "-", "")
	return strings.ToLower(r.Replace(strings.TrimSpace(s)))
}

// certHint tells the user what to do about an untrusted certificate.
func certHint(c CertInfo) string {
	pin := fmt.Sprintf("if you trust it, pin it with --pin-sha256 %s", c.SHA256)
	switch c.Problem {
	case "expired":
		return fmt.Sprintf("the certificate expired on %s; tell the provider (%s)", c.NotAfter.Format("2006-01-02"), pin)
	case "not_yet_valid":
		return fmt.Sprintf("the certificate is valid only from %s; check your computer's clock", c.NotBefore.Format("2006-01-02 15:04 MST"))
	case "name_mismatch":
		return fmt.Sprintf("the certificate is for %s, not this host; use one of those names as the server", strings.Join(certNames(c), ", "))
	}
	return "the certificate is not signed by an authority this computer trusts; use --ca-file for a private CA, or " + pin
}

func certNames(c CertInfo) []string {
	names := append([]string(nil), c.DNSNames...)
	return append(names, c.IPs...)
}

// serverAt is a minimal Server (host and the connected port) for hints.
func serverAt(conn net.Conn, host string) profile.Server {
	srv := profile.Server{Host: host}
	if a, ok := conn.RemoteAddr().(*net.TCPAddr); ok {
		srv.Port = a.Port
	}
	return srv
}
