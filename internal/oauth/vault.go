package oauth

import (
	"errors"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/secrets"
)

// Vault keeps one account's Grant.
type Vault interface {
	Load() (Grant, error)
	Save(Grant) error
}

// SecretStore is the part of secrets.Store a Vault needs.
type SecretStore interface {
	Get(ref profile.SecretRef, account string) (profile.Password, error)
	Set(ref profile.SecretRef, account string, pw profile.Password) error
}

// StoreVault keeps the Grant in the secret store at ref. account is the
// profile name; the keyring entry is ref.Ref when set (TokenRef sets one so
// the sign-in never overwrites a stored password).
func StoreVault(s SecretStore, ref profile.SecretRef, account string) Vault {
	return storeVault{s, ref, account}
}

type storeVault struct {
	s       SecretStore
	ref     profile.SecretRef
	account string
}

func (v storeVault) Load() (Grant, error) {
	pw, err := v.s.Get(v.ref, v.account)
	if errors.Is(err, secrets.ErrNoPassword) {
		return Grant{}, &Error{Kind: KindNoSignIn, Op: "reading the stored sign-in", Err: err}
	}
	if err != nil {
		return Grant{}, &Error{Kind: KindStore, Op: "reading the stored sign-in", Err: err}
	}
	g, err := DecodeGrant(pw.Reveal())
	if err != nil {
		return Grant{}, &Error{Kind: KindSignInAgain, Op: "reading the stored sign-in", Err: err}
	}
	return g, nil
}

func (v storeVault) Save(g Grant) error {
	if err := v.s.Set(v.ref, v.account, profile.NewPassword(g.Encode())); err != nil {
		return &Error{Kind: KindStore, Op: "storing the sign-in", Err: err}
	}
	return nil
}

// TokenRef is where a profile's sign-in is kept by default for a store
// kind: a keyring entry or pass entry of its own, apart from any password.
func TokenRef(kind profile.SecretKind, name string) profile.SecretRef {
	if kind == profile.SecretPass {
		return profile.SecretRef{Kind: kind, Ref: "setupwiz/oauth2/" + name}
	}
	return profile.SecretRef{Kind: kind, Ref: "oauth2:" + name}
}
