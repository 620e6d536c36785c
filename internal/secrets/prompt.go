package secrets

import (
	"errors"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// promptBackend asks the user each time; nothing is stored.
type promptBackend struct {
	ask func(account string) (profile.Password, error)
}

func (b promptBackend) get(_ profile.SecretRef, account string) (profile.Password, error) {
	pw, err := b.ask(account)
	if err == nil && pw.IsEmpty() {
		err = errors.New("no password entered")
	}
	return pw, err
}

// set stores nothing on purpose: the user chose to be asked each time.
func (promptBackend) set(profile.SecretRef, string, profile.Password) error { return nil }

func (b promptBackend) available() error {
	if b.ask == nil {
		return errors.New("there is no terminal to ask on (use --password-stdin or --password-file)")
	}
	return nil
}
