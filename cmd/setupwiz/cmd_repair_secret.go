package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// newSecrets is the secret store for this environment; prompt may be nil.
func newSecrets(e *env, prompt func(string) (profile.Password, error)) secrets.Store {
	return secrets.New(secrets.Config{Prompt: prompt, PassDir: passStoreDir(e)})
}

// passStoreDir is where pass(1) keeps its store in this environment.
func passStoreDir(e *env) string {
	if d := e.getenv("PASSWORD_STORE_DIR"); d != "" {
		return d
	}
	if h := e.getenv("HOME"); h != "" {
		return filepath.Join(h, ".password-store")
	}
	return ""
}

// secretChoice parses --secret and checks that the place works here.
func (r *repairRun) secretChoice(sec secrets.Store) (*profile.SecretRef, error) {
	if r.x.secret == "" {
		return nil, nil
	}
	ref, err := parseSecretRef(r.x.secret)
	if err != nil {
		return nil, err
	}
	if ref.Kind != profile.SecretPrompt {
		if err := sec.Available(ref.Kind); err != nil {
			return nil, usagef("--secret %s: %v", r.x.secret, err)
		}
	}
	return &ref, nil
}

// currentPassword is the stored password, else the given one, else a prompt.
// kept reports whether it came from where the profile says it lives.
func (r *repairRun) currentPassword(sec secrets.Store, p profile.Profile) (pw profile.Password, kept bool, err error) {
	if p.Secret.Kind != "" && p.Secret.Kind != profile.SecretPrompt {
		pw, err = sec.Get(p.Secret, p.Name)
		if err == nil {
			return pw, true, nil
		}
		if r.given.IsEmpty() && sec.Available(profile.SecretPrompt) != nil {
			return pw, false, usagef("the saved password could not be read: %v\n%s", err, r.passwordHelp(p))
		}
		r.noteUnread(sec, p, err)
	}
	if !r.given.IsEmpty() {
		return r.given, p.Secret.Kind == profile.SecretPrompt || p.Secret.Kind == "", nil
	}
	if err := sec.Available(profile.SecretPrompt); err != nil {
		return profile.Password{}, false, usagef("no password: %v\n%s", err, r.passwordHelp(p))
	}
	pw, err = sec.Get(profile.SecretRef{Kind: profile.SecretPrompt}, p.Name)
	return pw, p.Secret.Kind == profile.SecretPrompt || p.Secret.Kind == "", err
}

// noteUnread says the saved password is not there, and what happens to the one typed or given now.
func (r *repairRun) noteUnread(sec secrets.Store, p profile.Profile, err error) {
	wrapHanging(r.e.stderr, "note: ", "the saved password could not be read: "+err.Error())
	switch {
	case r.x.secret != "":
	case sec.Available(p.Secret.Kind) == nil:
		wrapHanging(r.e.stderr, "      ", "once the password works, repair stores it in "+repair.SecretPlace(p.Secret)+" again")
	default:
		wrapHanging(r.e.stderr, "      ", "it is used for this run only; to keep it somewhere that works here, add --secret with one of the choices above, e.g. setupwiz repair "+p.Name+" --secret prompt")
	}
}

// passwordHelp says how to give the password, and how to keep it elsewhere.
func (r *repairRun) passwordHelp(p profile.Profile) string {
	return fmt.Sprintf("Give it with --password-stdin or --password-file; to keep it somewhere else\nfrom now on, add --secret with one of the choices above, e.g.\n  setupwiz repair %s --secret prompt --password-stdin", p.Name)
}

// password finds the working password and where it must end up: with
// --secret the profile's reference changes to the new place (a command is
// read at once, to prove it prints the password); store says the password
// is not yet where p.Secret points and that place can hold it.
func (r *repairRun) password(sec secrets.Store, p *profile.Profile) (pw profile.Password, store bool, err error) {
	choice, err := r.secretChoice(sec)
	if err != nil {
		return pw, false, err
	}
	if choice != nil && choice.Kind == profile.SecretCommand {
		r.moved, p.Secret = &profile.SecretRef{Kind: p.Secret.Kind, Ref: p.Secret.Ref}, *choice
		pw, err = sec.Get(*choice, p.Name)
		if err != nil {
			return pw, false, usagef("--secret %s: %v", r.x.secret, err)
		}
		return pw, false, nil
	}
	pw, kept, err := r.currentPassword(sec, *p)
	if err != nil || choice == nil || *choice == p.Secret {
		return pw, err == nil && !kept && canHold(sec, p.Secret), err
	}
	r.moved, p.Secret = &profile.SecretRef{Kind: p.Secret.Kind, Ref: p.Secret.Ref}, *choice
	return pw, canHold(sec, *choice), nil
}

// canHold reports whether ref is a place setupwiz can store a password in here.
func canHold(sec secrets.Store, ref profile.SecretRef) bool {
	switch ref.Kind {
	case profile.SecretKeyring, profile.SecretPass:
		var ue *secrets.UnavailableError
		return !errors.As(sec.Available(ref.Kind), &ue)
	}
	return false
}

// secretPlan adds the password's move and storing to the plan.
func (r *repairRun) secretPlan(plan *repair.Plan, store bool) {
	plan.StorePassword = store
	if r.moved == nil {
		return
	}
	plan.Changes = append(plan.Changes, fmt.Sprintf("where the password lives: %s → %s",
		repair.SecretPlace(*r.moved), repair.SecretPlace(plan.Profile.Secret)))
	for _, rec := range plan.Profile.Exports {
		plan.Reexport = plan.Reexport || rec.Secrets == string(exporters.SecretsCommand) // the files name the command
	}
}
