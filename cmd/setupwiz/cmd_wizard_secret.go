package main

import (
	"errors"
	"sync"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// secretKeeper is the wizard's ui.SecretKeeper: it keeps the verified
// password in the keyring or pass, or checks a password command.
type secretKeeper struct {
	store secrets.Store
	// probed, when set, answers Available/Unavailable from one earlier probe:
	// the UI asks on every frame, and asking the keyring is a D-Bus round trip.
	probed func() map[profile.SecretKind]error
}

var keepKinds = []profile.SecretKind{profile.SecretKeyring, profile.SecretPass, profile.SecretCommand}

// newSecretKeeper probes the places once, in the background soon after the
// first frame, so the Done screen neither waits for D-Bus nor asks it again
// on each frame.
func newSecretKeeper(store secrets.Store) secretKeeper {
	k := secretKeeper{store: store}
	k.probed = sync.OnceValue(k.probe)
	time.AfterFunc(rootsWarmUp, func() { k.probed() })
	return k
}

func (k secretKeeper) probe() map[profile.SecretKind]error {
	m := make(map[profile.SecretKind]error, len(keepKinds))
	for _, kind := range keepKinds {
		m[kind] = k.store.Available(kind)
	}
	return m
}

// Available lists the places that work here; being asked each time always does.
func (k secretKeeper) Available() []profile.SecretKind {
	var out []profile.SecretKind
	for _, kind := range keepKinds {
		if k.Unavailable(kind) == nil {
			out = append(out, kind)
		}
	}
	return out
}

// Unavailable says why kind does not work here (a keyring without a Secret Service).
func (k secretKeeper) Unavailable(kind profile.SecretKind) error {
	if k.probed != nil {
		return k.probed()[kind]
	}
	return k.store.Available(kind)
}

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
