package main

import (
	"errors"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// secretKeeper is the wizard's ui.SecretKeeper: it keeps the verified
// password in the keyring or pass, or checks a password command.
type secretKeeper struct{ store secrets.Store }

// Available lists the places that work here; being asked each time always does.
func (k secretKeeper) Available() []profile.SecretKind {
	var out []profile.SecretKind
	for _, kind := range []profile.SecretKind{profile.SecretKeyring, profile.SecretPass, profile.SecretCommand} {
		if k.store.Available(kind) == nil {
			out = append(out, kind)
		}
	}
	return out
}

// Unavailable says why kind does not work here (a keyring without a Secret Service).
func (k secretKeeper) Unavailable(kind profile.SecretKind) error { return k.store.Available(kind) }

// Keep stores pw at ref; a command cannot be written to, so it must print pw.
func (k secretKeeper) Keep(ref profile.SecretRef, account string, pw profile.Password) error {
	if ref.Kind != profile.SecretCommand {
		return k.store.Set(ref, account, pw)
	}
	got, err := k.store.Get(ref, account)
	if err != nil {
		return err
	}
	if got.Reveal() != pw.Reveal() {
		return errors.New("the command prints a different password than the one that was verified")
	}
	return nil
}
