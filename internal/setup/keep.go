package setup

import (
	"errors"
	"sync"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// keepKinds are the places a secret can be kept besides asking each time.
var keepKinds = []profile.SecretKind{profile.SecretKeyring, profile.SecretPass, profile.SecretCommand}

// places answers which places work here from one probe: a face asks on
// every frame, and asking the keyring is a D-Bus round trip.
type places struct {
	once sync.Once
	why  map[profile.SecretKind]error
}

// WarmUp probes where a secret can be kept, so the first question later
// does not wait; call it in the background.
func (f *Flow) WarmUp() { f.probe() }

func (f *Flow) probe() map[profile.SecretKind]error {
	f.places.once.Do(func() {
		f.places.why = make(map[profile.SecretKind]error, len(keepKinds))
		for _, k := range keepKinds {
			f.places.why[k] = errors.New("setupwiz was started without a secret store")
			if f.Secrets != nil {
				f.places.why[k] = f.Secrets.Available(k)
			}
		}
	})
	return f.places.why
}

// Available lists the places that work here; being asked each time always does.
func (f *Flow) Available() []profile.SecretKind {
	var out []profile.SecretKind
	for _, k := range keepKinds {
		if f.probe()[k] == nil {
			out = append(out, k)
		}
	}
	return out
}

// Unavailable says why kind does not work here (a keyring without a
// Secret Service), or nil.
func (f *Flow) Unavailable(kind profile.SecretKind) error { return f.probe()[kind] }

// Keep puts the verified secret where ref points, for the profile named
// account: into the keyring or pass; a command cannot be written to, so it
// must already print that very password. Asking each time keeps nothing.
func (f *Flow) Keep(ref profile.SecretRef, account string, s Secret) error {
	switch {
	case ref.Kind == profile.SecretPrompt || ref.Kind == "":
		return nil
	case f.Secrets == nil:
		return errors.New("setupwiz was started without a secret store")
	case ref.Kind != profile.SecretCommand:
		return f.Secrets.Set(ref, account, s.Password)
	}
	got, err := f.Secrets.Get(ref, account)
	if err != nil {
		return err
	}
	if got.Reveal() != s.Password.Reveal() {
		return errors.New("the command prints a different password than the one that was verified")
	}
	return nil
}

// StoresSecret reports whether keeping at ref writes the secret somewhere
// (a command and asking each time hold nothing of setupwiz's).
func StoresSecret(ref profile.SecretRef) bool {
	return ref.Kind == profile.SecretKeyring || ref.Kind == profile.SecretPass
}
