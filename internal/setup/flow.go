package setup

import (
	"context"
	"crypto/x509"
	"sync"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Placer plans and writes client configuration; *exporters.Placer is one.
type Placer interface {
	Plan(targets []string, p profile.Profile, o exporters.Options) ([]exporters.Plan, error)
	Apply(plans []exporters.Plan) ([]profile.ExportRecord, []string, error)
}

// Store keeps profiles; profile.Store is one. Update reads the profile
// called name, lets change build the new version and saves it, all under
// the profile's lock (found is false when there is none yet).
type Store interface {
	Update(name string, change func(old profile.Profile, found bool) (profile.Profile, error)) error
}

// Flow is the setup use case with its machinery wired in. The zero value
// checks with internal/verify against the system roots and writes nothing.
type Flow struct {
	// Roots are the trusted authorities besides a profile's own CA file;
	// nil means the system roots (loaded by verify only when needed).
	Roots *x509.CertPool
	// Resolver looks host names up (--dns-server); nil is the system resolver.
	Resolver verify.HostResolver
	// Dialer opens connections; nil is a net.Dialer.
	Dialer verify.Dialer
	// Timeout bounds one check (0: verify's default).
	Timeout time.Duration
	// Check runs a check; nil is verify.Check. Tests put fakes here.
	Check func(ctx context.Context, o verify.Options) verify.Result

	Placer Placer
	// CertDir is where pinned certificates are saved for the mail programs
	// (next to the profiles); "" saves none, and the files then ask.
	CertDir string
	Secrets secrets.Store
	// OAuth is what an OAuth2 sign-in needs (providers, client registration, browser).
	OAuth OAuth
	Store Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	caMu   sync.Mutex
	ca     map[string]caPool // CA files read, by path
	places places
	// sides are the files planned with each export, by its path.
	sideMu sync.Mutex
	sides  map[string][]Side
}

func (f *Flow) now() time.Time {
	if f.Now != nil {
		return f.Now().UTC()
	}
	return time.Now().UTC()
}

func (f *Flow) check(ctx context.Context, o verify.Options) verify.Result {
	if f.Check != nil {
		return f.Check(ctx, o)
	}
	return verify.Check(ctx, o)
}
