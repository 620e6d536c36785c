package repair

import (
	"context"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Verifier logs in for real and probes ports. LiveVerifier is the real one.
type Verifier interface {
	Check(ctx context.Context, o verify.Options) verify.Result
	DetectSecurity(ctx context.Context, o *verify.Options, svc verify.Service, host string, port int) (profile.Security, verify.ProbeResult)
}

// LiveVerifier is internal/verify.
type LiveVerifier struct{}

func (LiveVerifier) Check(ctx context.Context, o verify.Options) verify.Result {
	return verify.Check(ctx, o)
}

func (LiveVerifier) DetectSecurity(ctx context.Context, o *verify.Options, svc verify.Service, host string, port int) (profile.Security, verify.ProbeResult) {
	return verify.DetectSecurity(ctx, o, svc, host, port)
}

// Discoverer says where the servers for an address are now (best first).
type Discoverer interface {
	Discover(ctx context.Context, email string) (pop3, smtp []profile.Server, err error)
}

// SecretStore is the part of secrets.Store repair uses.
type SecretStore interface {
	Set(ref profile.SecretRef, account string, pw profile.Password) error
}

// Deps are everything Diagnose and Apply touch outside the profile.
type Deps struct {
	Verifier   Verifier   // nil: LiveVerifier
	Discoverer Discoverer // nil: server_moved is not checked
	Secrets    SecretStore
	// Token, for a profile that signs in with OAuth2, is the access token
	// every check uses instead of a password.
	Token profile.Password
	// Flow builds every check's options (Roots, Dialer, Timeout; the
	// profile's CA file, pins and plaintext consent), writes the exports
	// again where they were placed (Placer: the real locations, as export
	// without --out) and saves the repaired profile (Store; none: nothing is
	// saved); nil is setup's defaults, which write and save nothing.
	Flow *setup.Flow
	// Ports lists the ports tried on the profile's own host when a port does
	// not answer; nil means POP3 995, 110 and SMTP 465, 587.
	Ports map[verify.Service][]int
	// MaxDiscovered bounds how many discovered servers are tried per service (default 4).
	MaxDiscovered int
	Now           func() time.Time
}

func (d Deps) verifier() Verifier {
	if d.Verifier == nil {
		return LiveVerifier{}
	}
	return d.Verifier
}

func (d Deps) flow() *setup.Flow {
	if d.Flow == nil {
		return &setup.Flow{}
	}
	return d.Flow
}

func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now().UTC()
	}
	return d.Now().UTC()
}

func (d Deps) ports(svc verify.Service) []int {
	if p, ok := d.Ports[svc]; ok {
		return p
	}
	if svc == verify.ServicePOP3 {
		return []int{995, 110}
	}
	return []int{465, 587}
}

func (d Deps) maxDiscovered() int {
	if d.MaxDiscovered <= 0 {
		return 4
	}
	return d.MaxDiscovered
}
