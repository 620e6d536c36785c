package secrets

import (
	"errors"
	"fmt"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Store reads and writes passwords by reference. account is the profile name.
type Store interface {
	Get(ref profile.SecretRef, account string) (profile.Password, error)
	Set(ref profile.SecretRef, account string, pw profile.Password) error
	// Available reports why kind cannot be used here, or nil.
	Available(kind profile.SecretKind) error
}

// Config wires the backends. The zero value uses the system keyring, the
// "pass" program on PATH and no prompt.
type Config struct {
	// Keyring is the keyring to use; nil means the system keyring.
	Keyring Keyring
	// PassProgram is the pass(1) executable; "" means "pass" on PATH.
	PassProgram string
	// Env is the environment of child processes; nil inherits the caller's.
	Env []string
	// PassDir is pass's store (its .gpg-id says it is set up); "" means
	// PASSWORD_STORE_DIR or ~/.password-store from Env.
	PassDir string
	// Prompt asks the user for the password of account; nil makes "prompt" unavailable.
	Prompt func(account string) (profile.Password, error)
	// Timeout bounds each child process (pass, a password command); default 60s.
	Timeout time.Duration
}

// ErrNoPassword is returned (wrapped) when the store answers but holds no
// password for the account yet: the caller may ask for it and Set it.
var ErrNoPassword = errors.New("no password is stored yet")

// ServiceName is the keyring service under which setupwiz stores passwords.
const ServiceName = "setupwiz"

// New returns a Store backed by c.
func New(c Config) Store {
	if c.Keyring == nil {
		c.Keyring = SystemKeyring{}
	}
	if c.PassProgram == "" {
		c.PassProgram = "pass"
	}
	if c.Timeout <= 0 {
		c.Timeout = 60 * time.Second
	}
	return &mux{c: c}
}

// mux dispatches each call to the backend the reference names.
type mux struct{ c Config }

// backend is one place passwords can live.
type backend interface {
	get(ref profile.SecretRef, account string) (profile.Password, error)
	set(ref profile.SecretRef, account string, pw profile.Password) error
	available() error
}

func (m *mux) backend(kind profile.SecretKind) (backend, error) {
	switch kind {
	case profile.SecretKeyring:
		return keyringBackend{m.c.Keyring}, nil
	case profile.SecretPass:
		return passBackend{program: m.c.PassProgram, env: m.c.Env, timeout: m.c.Timeout, dir: m.c.passDir()}, nil
	case profile.SecretCommand:
		return commandBackend{env: m.c.Env, timeout: m.c.Timeout}, nil
	case profile.SecretPrompt, "":
		return promptBackend{m.c.Prompt}, nil
	}
	return nil, fmt.Errorf("unknown secret kind %q: use keyring, pass, command or prompt", kind)
}

func (m *mux) Get(ref profile.SecretRef, account string) (profile.Password, error) {
	b, err := m.backend(ref.Kind)
	if err != nil {
		return profile.Password{}, err
	}
	if err := m.Available(ref.Kind); err != nil {
		return profile.Password{}, err
	}
	return b.get(ref, account)
}

// Set stores pw. For "prompt" nothing is stored, by the user's choice.
func (m *mux) Set(ref profile.SecretRef, account string, pw profile.Password) error {
	if ref.Kind == profile.SecretPrompt || ref.Kind == "" {
		return nil
	}
	b, err := m.backend(ref.Kind)
	if err != nil {
		return err
	}
	if err := m.Available(ref.Kind); err != nil {
		return fmt.Errorf("the new password was NOT saved: %w", err)
	}
	return b.set(ref, account, pw)
}

// Available reports why kind cannot be used, naming the kinds that can.
func (m *mux) Available(kind profile.SecretKind) error {
	b, err := m.backend(kind)
	if err != nil {
		return err
	}
	reason := b.available()
	if reason == nil {
		return nil
	}
	return &UnavailableError{Kind: kind, Reason: reason, Alternatives: m.alternatives(kind)}
}

// alternatives lists the other kinds that work here, in order of
// preference. Being asked each time is always a choice, even when no
// terminal is there to ask right now.
func (m *mux) alternatives(not profile.SecretKind) []profile.SecretKind {
	var out []profile.SecretKind
	for _, k := range []profile.SecretKind{profile.SecretKeyring, profile.SecretPass, profile.SecretCommand, profile.SecretPrompt} {
		if b, _ := m.backend(k); k != not && (k == profile.SecretPrompt || b.available() == nil) {
			out = append(out, k)
		}
	}
	return out
}
