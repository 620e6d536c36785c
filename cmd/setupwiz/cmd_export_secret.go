package main

import (
	"fmt"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
)

// checkSecret parses --secret and checks, before anything is read or
// written, that the place works on this machine. nil means no --secret:
// the profile keeps where its password lives (a new one: ask each time).
func (x *exportFlags) checkSecret(e *env) (*profile.SecretRef, error) {
	if x.secret == "" {
		return nil, nil
	}
	ref, err := parseSecretRef(x.secret)
	if err != nil {
		return nil, err
	}
	if storesPassword(ref) && x.unverified {
		return nil, usagef("--secret %s stores the password only once it passed verification: drop --unverified, or use --secret prompt", x.secret)
	}
	if x.noSave {
		return nil, usagef("--secret %s says where the saved profile finds the password: it does not go with --no-save", x.secret)
	}
	if err := secretUsable(e, ref); err != nil {
		return nil, err
	}
	return &ref, nil
}

// storesPassword reports whether setupwiz writes the password to ref's place
// (a command and being asked each time hold nothing of setupwiz's).
func storesPassword(ref profile.SecretRef) bool {
	return ref.Kind == profile.SecretKeyring || ref.Kind == profile.SecretPass
}

// keepSecret stores the verified password where --secret points (for a
// command: checks that it prints that password) and makes the profile point
// there; without --secret nothing changes.
func (x *exportFlags) keepSecret(e *env, p *profile.Profile, pw profile.Password) error {
	if x.keep == nil {
		return nil
	}
	if x.keep.Kind != profile.SecretPrompt {
		if err := x.flow.Keep(*x.keep, p.Name, setup.PasswordSecret(pw)); err != nil {
			return failedError{fmt.Sprintf("nothing was exported: the password could not be kept in %s: %v", repair.SecretPlace(*x.keep), err)}
		}
	}
	if storesPassword(*x.keep) {
		termtext.Fprintf(e.stderr, "stored the password in %s\n", repair.SecretPlace(*x.keep))
	}
	p.Secret = *x.keep
	return nil
}
