package repair

import (
	"fmt"
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Plan is what Apply will do: the automatic fixes already applied to
// Profile, and what still needs the user.
type Plan struct {
	Profile profile.Profile `json:"profile"`
	// Changes lists each automatic change in plain words.
	Changes []string `json:"changes"`
	// NeedPassword: the password was rejected; Apply asks for the new one.
	NeedPassword bool `json:"need_password"`
	// StorePassword: the password works but is not where Profile.Secret
	// says (it was missing, or the user moves it); Apply stores it there
	// once verification passes. The caller sets it.
	StorePassword bool `json:"store_password,omitempty"`
	// Certificates are the new certificates the servers show (one per
	// distinct fingerprint); Apply asks about each before trusting it.
	Certificates []Finding `json:"certificates,omitempty"`
	// UserAction lists what the user must do outside setupwiz (provider policy) or what repair cannot fix.
	UserAction []Finding `json:"user_action,omitempty"`
	// Temporary: every failure looks temporary; Apply changes nothing.
	Temporary bool `json:"temporary"`
	// Reexport: files written before are rewritten (something changed, or a file is missing).
	Reexport bool `json:"reexport"`
	// Exports is the state of each earlier export (hand edits need confirmation).
	Exports []ExportState `json:"exports"`
}

// Plan turns the diagnosis of p into a plan.
func (d Diagnosis) Plan(p profile.Profile) Plan {
	pl := Plan{Profile: p, Changes: []string{}, Exports: d.Exports, Temporary: d.Temporary()}
	if pl.Temporary {
		return pl
	}
	for _, f := range d.Findings {
		pl.add(f)
	}
	pl.Reexport = len(pl.Changes) > 0 || pl.NeedPassword || len(pl.Certificates) > 0 ||
		anyStatus(d.Exports, ExportMissing) || anyStatus(d.Exports, ExportStalePassword)
	return pl
}

// add folds one finding into the plan.
func (pl *Plan) add(f Finding) {
	switch {
	case f.Fix != nil:
		setServer(&pl.Profile, f.Service, *f.Fix)
		pl.Changes = append(pl.Changes, describeFix(f))
	case f.Cause == CausePasswordChanged:
		pl.NeedPassword = true
	case f.Cause == CauseCertificateChanged:
		if !slices.ContainsFunc(pl.Certificates, func(c Finding) bool { return c.NewSHA256 == f.NewSHA256 }) {
			pl.Certificates = append(pl.Certificates, f)
		}
	case f.Temporary:
		// one service down while the other is fixed: leave it as it is
	default:
		pl.UserAction = append(pl.UserAction, f)
	}
}

func describeFix(f Finding) string {
	was, now := f.Was, *f.Fix
	side := map[bool]string{true: "incoming (POP3)", false: "outgoing (SMTP)"}[f.Service == "pop3"]
	switch f.Cause {
	case CauseUsernameForm:
		return fmt.Sprintf("%s username %q → %q", side, was.Username, now.Username)
	default:
		return fmt.Sprintf("%s server %s %s → %s %s (%s)", side, was.Address(), was.Security, now.Address(), now.Security, f.Cause)
	}
}

func anyStatus(states []ExportState, st ExportStatus) bool {
	for _, s := range states {
		if s.Status == st {
			return true
		}
	}
	return false
}

// Empty reports whether there is nothing for Apply to do.
func (pl Plan) Empty() bool {
	return !pl.Reexport && !pl.NeedPassword && !pl.StorePassword && len(pl.Certificates) == 0 && len(pl.Changes) == 0
}
