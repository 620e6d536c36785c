package repair

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Asker asks the user for what only they know or decide.
type Asker interface {
	// NewPassword asks for the account's new password; why says what was seen.
	NewPassword(ctx context.Context, p profile.Profile, why string) (profile.Password, error)
	// AcceptCertificate asks whether to trust the certificate f.NewSHA256 from now on.
	AcceptCertificate(f Finding) bool
	// OverwriteEdited asks whether to rewrite a file whose setupwiz part was edited by hand.
	OverwriteEdited(s ExportState) bool
}

// Outcome is what Apply did.
type Outcome struct {
	Profile profile.Profile `json:"profile"`
	Changes []string        `json:"changes"`
	Files   []FileChange    `json:"files"`
	Saved   bool            `json:"saved"`
	// Remaining lists what is still broken or needs the user.
	Remaining []string `json:"remaining,omitempty"`
}

// ErrStillBroken is returned (wrapped) when the account still fails after the fixes; nothing was changed.
var ErrStillBroken = errors.New("the account still does not work")

// Apply carries out plan for the profile whose password (as stored) is pw:
// it asks for a new password or a certificate decision when needed,
// verifies the repaired settings, stores a new password, re-exports every
// earlier target and saves the profile with a history entry. When the
// repaired settings still fail verification, nothing is changed.
func Apply(ctx context.Context, plan Plan, pw profile.Password, deps Deps, ask Asker) (Outcome, error) {
	out := Outcome{Profile: plan.Profile, Changes: append([]string(nil), plan.Changes...)}
	if plan.Temporary || plan.Empty() {
		return out, nil
	}
	p, newPW, err := userFixes(ctx, plan, pw, ask, &out)
	if err != nil {
		return out, err
	}
	r, err := reverify(ctx, p, newPW, deps)
	if err != nil {
		return out, err
	}
	if plan.NeedPassword || plan.StorePassword {
		if err := storePassword(deps, p, newPW); err != nil {
			return out, err
		}
		out.Changes = append(out.Changes, passwordChange(p, plan.NeedPassword))
	}
	return finish(p, r, newPW, deps, ask, out, plan.Reexport)
}

// userFixes asks for the password and the certificate decision.
func userFixes(ctx context.Context, plan Plan, pw profile.Password, ask Asker, out *Outcome) (profile.Profile, profile.Password, error) {
	p := plan.Profile
	if plan.NeedPassword {
		np, err := ask.NewPassword(ctx, p, "the server rejects the password setupwiz used")
		if err != nil {
			return p, pw, fmt.Errorf("no new password: %w; nothing was changed", err)
		}
		pw = np
	}
	for _, f := range plan.Certificates {
		if !ask.AcceptCertificate(f) {
			out.Remaining = append(out.Remaining, "the new certificate was not accepted: "+f.Detail)
			return p, pw, fmt.Errorf("%w: the new certificate was not accepted; nothing was changed", ErrStillBroken)
		}
		acceptCertificate(&p, f)
		out.Changes = append(out.Changes, "now trusting the server's new certificate, and only it")
	}
	return p, pw, nil
}

// reverify checks the repaired settings; any failure stops the repair before anything is written.
func reverify(ctx context.Context, p profile.Profile, pw profile.Password, deps Deps) (verify.Result, error) {
	o, err := checkOptions(deps, p, pw, true)
	if err != nil {
		return verify.Result{}, err
	}
	r := deps.verifier().Check(ctx, o)
	if r.OK() {
		return r, nil
	}
	var why []string
	for _, sr := range []*verify.ServiceResult{r.POP3, r.SMTP} {
		if sr != nil && sr.Error != nil {
			why = append(why, sr.Error.Error())
		}
	}
	return r, fmt.Errorf("%w after the fixes (%s); nothing was changed", ErrStillBroken, strings.Join(why, "; "))
}

func storePassword(deps Deps, p profile.Profile, pw profile.Password) error {
	if deps.Secrets == nil {
		return errors.New("the password works, but there is no secret store to keep it in; nothing was changed")
	}
	if err := deps.Secrets.Set(p.Secret, p.Name, pw); err != nil {
		return fmt.Errorf("the password works, but it could not be stored: %w; nothing was changed", err)
	}
	return nil
}

// passwordChange says where the (new) password went: a store, or (for
// "ask each time") only into the files rewritten with it.
func passwordChange(p profile.Profile, isNew bool) string {
	what := "password"
	if isNew {
		what = "new password"
	}
	if p.Secret.Kind == "" || p.Secret.Kind == profile.SecretPrompt {
		return what + " accepted (setupwiz keeps no copy: it asks each time)"
	}
	return what + " stored in " + SecretPlace(p.Secret)
}

// SecretPlace names where a reference keeps the password, in plain words.
func SecretPlace(ref profile.SecretRef) string {
	switch ref.Kind {
	case profile.SecretKeyring:
		return "the system keyring"
	case profile.SecretPass:
		return "pass entry " + ref.Ref
	case profile.SecretCommand:
		return "the output of your command " + ref.Ref
	}
	return "nowhere (asked each time)"
}

// finish re-exports, records the verification and saves the profile: under
// its lock, with the records another run saved meanwhile (see setup.Flow.Save).
func finish(p profile.Profile, r verify.Result, pw profile.Password, deps Deps, ask Asker, out Outcome, reexport bool) (Outcome, error) {
	var err error
	now := deps.now()
	seenBefore := p.TLS.SeenSHA256
	p = setup.Adopt(p, r, now) // before re-exporting: the files say when the settings were verified
	if reexport {
		var files []FileChange
		p.Exports, files, err = Reexport(p, pw, deps, ask)
		out.Files = files
		for _, f := range files {
			if f.Skipped != "" {
				out.Remaining = append(out.Remaining, f.Path+": "+f.Skipped)
			}
		}
	}
	if serr := deps.flow().WriteSides(p, p.Exports, retired(seenBefore, p.TLS)); serr != nil { // a newly pinned certificate, for the files
		err = errors.Join(err, serr)
	}
	out.Profile = p
	if flow := deps.flow(); flow.Store != nil {
		saved, serr := flow.Save(p, p.Exports, setup.SaveOptions{Summary: historyLine(out.Changes)})
		if serr != nil {
			return out, errors.Join(err, fmt.Errorf("saving the repaired profile: %w", serr))
		}
		out.Profile, out.Saved = saved, true
	}
	return out, err
}

func historyLine(changes []string) string {
	if len(changes) == 0 {
		return "repair: verified again, exports rewritten"
	}
	return "repair: " + strings.Join(changes, "; ")
}
