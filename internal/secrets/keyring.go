package secrets

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Keyring is the part of a system keyring setupwiz uses.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
}

// SystemKeyring is the platform keyring through github.com/zalando/go-keyring
// (Secret Service over D-Bus on Linux).
type SystemKeyring struct{}

func (SystemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }

func (SystemKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

// probeUser is looked up to find out whether the keyring answers at all.
const probeUser = "setupwiz-availability-probe"

type keyringBackend struct{ k Keyring }

// user is the keyring user for a reference: its Ref when set, else the profile name.
func keyringUser(ref profile.SecretRef, account string) string {
	if ref.Ref != "" {
		return ref.Ref
	}
	return account
}

func (b keyringBackend) get(ref profile.SecretRef, account string) (profile.Password, error) {
	user := keyringUser(ref, account)
	pw, err := b.k.Get(ServiceName, user)
	if errors.Is(err, keyring.ErrNotFound) {
		return profile.Password{}, fmt.Errorf("%w for %q in the system keyring (service %q)", ErrNoPassword, user, ServiceName)
	}
	if err != nil {
		return profile.Password{}, fmt.Errorf("reading the password for %q from the system keyring: %w", user, err)
	}
	return profile.NewPassword(pw), nil
}

func (b keyringBackend) set(ref profile.SecretRef, account string, pw profile.Password) error {
	if err := b.k.Set(ServiceName, keyringUser(ref, account), pw.Reveal()); err != nil {
		return fmt.Errorf("the password was NOT saved in the system keyring: %w", err)
	}
	return nil
}

// available asks for an entry that never exists: "not found" means the keyring answers.
func (b keyringBackend) available() error {
	_, err := b.k.Get(ServiceName, probeUser)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("no Secret Service answered (a headless machine without gnome-keyring or KeePassXC?): %w", err)
}
