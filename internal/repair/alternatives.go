package repair

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// unreachable handles a server that did not answer as configured: another
// port or security on the same host (port_blocked), a server discovery
// names now (server_moved), or nothing (server_down: temporary).
func unreachable(ctx context.Context, p profile.Profile, o verify.Options, deps Deps, f Finding) []Finding {
	if fix, sr, ok := sameHostAlternative(ctx, o, deps, f.Service, f.Was); ok {
		f.Cause, f.Fix = CausePortBlocked, &fix
		f.Detail = fmt.Sprintf("%s (%s) does not answer, but %s (%s) on the same host does: the profile will use it",
			f.Was.Address(), f.Was.Security, fix.Address(), fix.Security)
		return withPassword(f, sr)
	}
	if fix, sr, ok := discoveredAlternative(ctx, p, o, deps, f.Service, f.Was); ok {
		f.Cause, f.Fix = CauseServerMoved, &fix
		f.Detail = fmt.Sprintf("%s does not answer and the provider now names %s (%s), which works: the profile will use it",
			f.Was.Address(), fix.Address(), fix.Security)
		return withPassword(f, sr)
	}
	why := fmt.Sprintf("%s (%s) does not answer (%s), and no other port or server does", f.Was.Address(), f.Was.Security, f.Kind)
	if p.Verified.IsZero() {
		return []Finding{neverWorked(f, why)}
	}
	return []Finding{serverDown(f, why)}
}

// neverWorked is a server that does not answer in a profile that was never
// verified (an import): the setting may simply be wrong, so it is not
// called temporary.
func neverWorked(f Finding, why string) Finding {
	f.Cause, f.NeedsUser = CauseUnknown, true
	f.Detail = why + "; this profile was never verified (imported, or exported with --unverified), so the setting may be wrong: " +
		"check the server name and port with your provider, then export again with the right ones"
	return f
}

// withPassword adds a password finding when the alternative answered but refused the login.
func withPassword(f Finding, sr *verify.ServiceResult) []Finding {
	out := []Finding{f}
	if sr != nil && !sr.OK && sr.Error != nil && sr.Error.Kind == verify.KindAuthFailed {
		pf := passwordChanged(Finding{Service: f.Service, Kind: sr.Error.Kind, Was: *f.Fix, ServerSaid: sr.Error.ServerText})
		out = append(out, pf)
	}
	return out
}

// sameHostAlternative tries the other ports (and securities) on the profile's host.
func sameHostAlternative(ctx context.Context, o verify.Options, deps Deps, svc verify.Service, was profile.Server) (profile.Server, *verify.ServiceResult, bool) {
	for _, port := range deps.ports(svc) {
		if ctx.Err() != nil {
			break
		}
		po := probeOptions(o)
		sec, probe := deps.verifier().DetectSecurity(ctx, &po, svc, was.Host, port)
		if !probe.OK || (port == was.Port && sec == was.Security) {
			continue
		}
		cand := was
		cand.Port, cand.Security = port, sec
		if sr, ok := tryLogin(ctx, o, deps, svc, cand); ok {
			return corrected(cand, sr), sr, true
		}
	}
	return profile.Server{}, nil, false
}

// probeTimeout bounds each reachability probe: a filtered port must not
// hold the diagnosis for the whole verification deadline.
const probeTimeout = 6 * time.Second

func probeOptions(o verify.Options) verify.Options {
	if o.Timeout <= 0 || o.Timeout > probeTimeout {
		o.Timeout = probeTimeout
	}
	return o
}

// discoveredAlternative asks discovery where the servers are now and tries the ones that differ.
func discoveredAlternative(ctx context.Context, p profile.Profile, o verify.Options, deps Deps, svc verify.Service, was profile.Server) (profile.Server, *verify.ServiceResult, bool) {
	if deps.Discoverer == nil || ctx.Err() != nil {
		return profile.Server{}, nil, false
	}
	pop, smtp, err := deps.Discoverer.Discover(ctx, p.Email)
	cands := pop
	if svc == verify.ServiceSMTP {
		cands = smtp
	}
	tried := 0
	for _, c := range cands {
		if err != nil || tried >= deps.maxDiscovered() || sameEndpoint(c, was) {
			continue
		}
		tried++
		c.Username, c.Auth = was.Username, was.Auth
		if sr, ok := tryLogin(ctx, o, deps, svc, c); ok {
			return corrected(c, sr), sr, true
		}
	}
	return profile.Server{}, nil, false
}

func sameEndpoint(a, b profile.Server) bool {
	return strings.EqualFold(a.Host, b.Host) && a.Port == b.Port && a.Security == b.Security
}

// tryLogin checks one candidate. It counts as working when the login
// succeeds, or when the server answers properly and only refuses the
// password (then the password is the second problem).
func tryLogin(ctx context.Context, o verify.Options, deps Deps, svc verify.Service, cand profile.Server) (*verify.ServiceResult, bool) {
	if cand.Security == profile.SecurityNone && !o.AllowPlaintext {
		return nil, false // never move a profile to cleartext without consent
	}
	sr := serviceResult(deps.verifier().Check(ctx, only(o, svc, cand)), svc)
	if sr == nil {
		return nil, false
	}
	return sr, sr.OK || (sr.Error != nil && sr.Error.Kind == verify.KindAuthFailed)
}

// corrected applies a username correction the check made to the candidate.
func corrected(cand profile.Server, sr *verify.ServiceResult) profile.Server {
	if sr != nil && sr.OK && sr.UsernameCorrected {
		cand.Username = sr.Server.Username
	}
	return cand
}
