package ui

import (
	"errors"
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
)

// SecretKeeper keeps the verified password where setupwiz repair finds it
// later; cmd implements it with internal/secrets. nil offers only "ask each time".
type SecretKeeper interface {
	// Available lists the places that work on this machine (a keyring
	// without a Secret Service is left out).
	Available() []profile.SecretKind
	// Keep stores pw where ref points, for the profile named account. For a
	// command it checks that the command prints pw.
	Keep(ref profile.SecretRef, account string, s setup.Secret) error
	// Unavailable says why kind does not work here; nil when it does.
	Unavailable(kind profile.SecretKind) error
}

// keepChoice is one place to remember the password, with a word for line
// mode, a label and a one-line explanation.
type keepChoice struct {
	ref     profile.SecretRef
	word    string
	label   string
	explain string
}

var askEachTime = keepChoice{ref: profile.SecretRef{Kind: profile.SecretPrompt}, word: "ask", label: "ask each time",
	explain: "Nothing is stored: setupwiz repair asks for the password when it needs it."}

// keepChoices lists the places that work here, "ask each time" first (the
// default). Only a password that passed verification can go anywhere else.
func (s *session) keepChoices() []keepChoice {
	out := []keepChoice{askEachTime}
	if s.cfg.Secrets == nil || !s.verified || s.pass.IsEmpty() {
		return out
	}
	for _, k := range s.cfg.Secrets.Available() {
		if c, ok := s.keepChoiceFor(k); ok {
			out = append(out, c)
		}
	}
	return out
}

// keyringNote says why the system keyring is not among the choices (a
// headless machine without a Secret Service), or "".
func (s *session) keyringNote() string {
	if s.cfg.Secrets == nil || !s.verified || s.pass.IsEmpty() || slices.Contains(s.cfg.Secrets.Available(), profile.SecretKeyring) {
		return ""
	}
	err := s.cfg.Secrets.Unavailable(profile.SecretKeyring)
	if err == nil {
		return ""
	}
	if reason := errors.Unwrap(err); reason != nil {
		err = reason // the reason, without the command-line syntax of the choices
	}
	return "The system keyring is not offered: " + err.Error() + "."
}

func (s *session) keepChoiceFor(k profile.SecretKind) (keepChoice, bool) {
	switch k {
	case profile.SecretKeyring:
		return keepChoice{profile.SecretRef{Kind: k}, "keyring", "system keyring",
			"Your desktop's keyring (Secret Service) holds it, unlocked when you log in."}, true
	case profile.SecretPass:
		entry := "setupwiz/" + s.prof.Name
		return keepChoice{profile.SecretRef{Kind: k, Ref: entry}, "pass", "pass",
			"Stored as " + entry + " in your pass store, encrypted with your GPG key."}, true
	case profile.SecretCommand:
		if s.command == "" {
			return keepChoice{}, false
		}
		return keepChoice{profile.SecretRef{Kind: k, Ref: s.command}, "command", "a command",
			"Repair runs " + s.command + " (the command your mail programs use) to read it."}, true
	}
	return keepChoice{}, false
}

// keepAt stores the password at c (nothing for "ask each time"). It only
// calls the keeper, so it may run as a background job.
func (s *session) keepAt(c keepChoice) error {
	if c.ref.Kind == profile.SecretPrompt {
		return nil
	}
	return s.cfg.Secrets.Keep(c.ref, s.prof.Name, setup.PasswordSecret(s.pass))
}

// kept records where the password lives: c when storing it worked, else
// "ask each time" — the profile never points at a password that is not there.
func (s *session) kept(c keepChoice, err error) {
	if err != nil {
		c = askEachTime
	}
	s.out.Profile.Secret = c.ref
}
