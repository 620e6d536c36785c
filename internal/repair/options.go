package repair

import (
	"crypto/x509"
	"fmt"
	"os"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// checkOptions builds the verification options for p: the base options
// plus the profile's own trust (CA file, pins, plaintext consent).
func checkOptions(base verify.Options, p profile.Profile, pw profile.Password) (verify.Options, error) {
	o := base
	o.Email, o.Incoming, o.Outgoing, o.Password = p.Email, p.Incoming, p.Outgoing, pw
	o.PinSHA256 = append(append([]string(nil), base.PinSHA256...), p.TLS.PinnedSHA256...)
	o.AllowPlaintext = base.AllowPlaintext || p.TLS.AllowPlaintext
	o.SendTest = false
	roots, err := withCAFile(base.Roots, p.TLS.CAFile)
	o.Roots = roots
	return o, err
}

// withCAFile returns base (or the system roots) plus the certificates in caFile.
func withCAFile(base *x509.CertPool, caFile string) (*x509.CertPool, error) {
	if caFile == "" {
		return base, nil
	}
	pool := base
	if pool == nil {
		if sys, err := x509.SystemCertPool(); err == nil && sys != nil {
			pool = sys
		} else {
			pool = x509.NewCertPool()
		}
	}
	pool = pool.Clone()
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("the profile's CA file: %w (fix the path with setupwiz repair or remove ca_file from the profile)", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("the profile's CA file %s holds no PEM certificate", caFile)
	}
	return pool, nil
}

// only returns o checking just one service.
func only(o verify.Options, svc verify.Service, srv profile.Server) verify.Options {
	o.Incoming, o.Outgoing = profile.Server{}, profile.Server{}
	if svc == verify.ServicePOP3 {
		o.Incoming = srv
	} else {
		o.Outgoing = srv
	}
	return o
}

// serviceResult picks one side of a result.
func serviceResult(r verify.Result, svc verify.Service) *verify.ServiceResult {
	if svc == verify.ServicePOP3 {
		return r.POP3
	}
	return r.SMTP
}

// server returns the profile's server for svc.
func server(p profile.Profile, svc verify.Service) profile.Server {
	if svc == verify.ServicePOP3 {
		return p.Incoming
	}
	return p.Outgoing
}

// setServer replaces the profile's server for svc.
func setServer(p *profile.Profile, svc verify.Service, s profile.Server) {
	if svc == verify.ServicePOP3 {
		p.Incoming = s
	} else {
		p.Outgoing = s
	}
}
