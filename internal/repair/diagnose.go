package repair

import (
	"context"
	"fmt"
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Diagnose verifies p live with pw and names the cause of each failure,
// trying alternatives (other username form, other ports and security on the
// same host, discovered servers) where a cause needs one. It changes
// nothing: no file, no secret, no profile.
func Diagnose(ctx context.Context, p profile.Profile, pw profile.Password, deps Deps) Diagnosis {
	d := Diagnosis{Profile: p.Name, Findings: []Finding{}, Exports: CheckExports(p)}
	o, err := checkOptions(deps, p, pw, false)
	if err != nil {
		d.Findings = append(d.Findings, Finding{Cause: CauseUnknown, Detail: err.Error()})
		return d
	}
	r := deps.verifier().Check(ctx, o)
	d.Checked = r
	if r.OK() {
		markStale(d.Exports, p, pw, deps)
	}
	for _, svc := range []verify.Service{verify.ServicePOP3, verify.ServiceSMTP} {
		sr := serviceResult(r, svc)
		if sr == nil {
			continue
		}
		if f, broken := diagnoseService(ctx, p, o, deps, svc, sr); broken {
			d.Findings = append(d.Findings, f...)
		}
	}
	d.OK = len(d.Findings) == 0
	d.Canceled = ctx.Err() != nil
	return d
}

// diagnoseService classifies one service's result.
func diagnoseService(ctx context.Context, p profile.Profile, o verify.Options, deps Deps, svc verify.Service, sr *verify.ServiceResult) ([]Finding, bool) {
	was := server(p, svc)
	if sr.OK && sr.UsernameCorrected {
		fix := was
		fix.Username = sr.Server.Username
		return []Finding{{Service: svc, Cause: CauseUsernameForm, Was: was, Fix: &fix,
			Detail: fmt.Sprintf("the server accepts the login %q, not %q: the username will be changed", fix.Username, was.Username)}}, true
	}
	if sr.OK || sr.Error == nil {
		return nil, false
	}
	f := Finding{Service: svc, Kind: sr.Error.Kind, Was: was, ServerSaid: sr.Error.ServerText}
	return classify(ctx, p, o, deps, f, sr.Error), true
}

// classify maps a verification error to a cause, looking for alternatives when the server did not answer.
func classify(ctx context.Context, p profile.Profile, o verify.Options, deps Deps, f Finding, e *verify.Error) []Finding {
	switch e.Kind {
	case verify.KindAuthFailed:
		if !deps.Token.IsEmpty() {
			return []Finding{SignInAgain(f, "the server refused the OAuth2 access token")}
		}
		return []Finding{passwordChanged(f)}
	case verify.KindAppPassword, verify.KindAuthUnsupported:
		f.Cause, f.NeedsUser = CauseProviderPolicy, true
		f.Detail = "the provider refuses this way of logging in: " + hintOr(e, "create an app password (or enable POP/SMTP access) in the provider's web settings, then repair again with it")
		return []Finding{f}
	case verify.KindTLSCertificate:
		return []Finding{certificateChanged(p, f, e)}
	case verify.KindServerBusy:
		return []Finding{serverDown(f, "the server is busy or limits logins right now")}
	case verify.KindProtocol, verify.KindMailbox:
		f.Cause, f.Detail = CauseUnknown, "the server answered but broke off: "+hintOr(e, e.Error())
		return []Finding{f}
	case verify.KindCanceled:
		f.Cause, f.Temporary, f.Detail = CauseServerDown, true, "the check was cancelled: nothing was changed"
		return []Finding{f}
	}
	return unreachable(ctx, p, o, deps, f)
}

func passwordChanged(f Finding) Finding {
	f.Cause, f.NeedsUser = CausePasswordChanged, true
	f.Detail = "the server rejects the password (and the other username form): it was probably changed; enter the new one"
	return f
}

// SignInAgain is the finding for an OAuth2 sign-in the provider or server
// no longer accepts: only a new sign-in helps, never a new password.
func SignInAgain(f Finding, why string) Finding {
	f.Cause, f.NeedsUser = CauseSignInAgain, true
	f.Detail = why + ": sign in again (setupwiz repair on a terminal signs you in and keeps the new sign-in)"
	return f
}

func serverDown(f Finding, why string) Finding {
	f.Cause, f.Temporary = CauseServerDown, true
	f.Detail = why + ": this looks temporary, so nothing was changed; try again later"
	return f
}

func hintOr(e *verify.Error, def string) string {
	if e.Hint != "" {
		return e.Hint
	}
	return def
}

// certificateChanged reports the fingerprints the profile knew and the one shown now.
func certificateChanged(p profile.Profile, f Finding, e *verify.Error) Finding {
	f.Cause, f.NeedsUser, f.OldSHA256 = CauseCertificateChanged, true, knownFingerprints(p.TLS)
	f.OldCert = recordedCert(p.TLS, f.OldSHA256)
	if e.Cert != nil {
		f.NewSHA256, f.NewCert = e.Cert.SHA256, e.Cert
	}
	f.Detail = certificateDetail(f, problem(e))
	return f
}

// certificateDetail tells a new certificate from a known one that lost its
// trust (an expired certificate, a changed CA file or system roots).
func certificateDetail(f Finding, problem string) string {
	if slices.Contains(f.OldSHA256, f.NewSHA256) {
		return fmt.Sprintf("the server shows the same certificate as when it was verified, but it is no longer trusted (%s): "+
			"it expired, or the CA file or system certificates changed. Trust it only if you know why", problem)
	}
	if len(f.OldSHA256) == 0 {
		return fmt.Sprintf("the server shows a certificate this machine does not trust (%s), and the profile recorded none to compare "+
			"(it was imported, or never verified). Trust it only if you recognise it; if your provider uses its own CA, give it with --ca-file",
			problem)
	}
	return fmt.Sprintf("the server now shows another certificate, which is not trusted (%s). Accept it only if your provider announced a new certificate",
		problem)
}

func problem(e *verify.Error) string {
	if e.Cert == nil || e.Cert.Problem == "" {
		return "untrusted"
	}
	return e.Cert.Problem
}

// knownFingerprints are the certificates the profile saw verified or pinned.
func knownFingerprints(t profile.TLSTrust) []string {
	known := slices.Clone(t.SeenSHA256)
	for _, fp := range t.PinnedSHA256 {
		if !slices.Contains(known, fp) {
			known = append(known, fp)
		}
	}
	return known
}
