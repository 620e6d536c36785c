package profile

import "fmt"

// SecretKind says where a password lives. The profile never holds the password itself.
type SecretKind string

const (
	SecretPrompt  SecretKind = "prompt"  // ask each time
	SecretKeyring SecretKind = "keyring" // the system keyring (Secret Service, Keychain)
	SecretPass    SecretKind = "pass"    // the pass(1) password store; Ref is the entry name
	SecretCommand SecretKind = "command" // a user command whose first output line is the password; Ref is the command
)

// SecretRef points at the password.
type SecretRef struct {
	Kind SecretKind `toml:"kind" json:"kind"`
	// Ref is the keyring item, pass entry or command, depending on Kind.
	Ref string `toml:"ref,omitempty" json:"ref,omitempty"`
}

func (r SecretRef) validate(errs *FieldErrors) {
	switch r.Kind {
	case "", SecretPrompt, SecretKeyring:
	case SecretPass, SecretCommand:
		if r.Ref == "" {
			errs.add("secret.ref", fmt.Sprintf("is required for %s", r.Kind))
		}
	default:
		errs.add("secret.kind", "must be prompt, keyring, pass or command")
	}
}
