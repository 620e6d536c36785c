package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/spf13/cobra"
)

// tokenLockWait is how long `setupwiz token` waits for another one renewing the same sign-in.
const tokenLockWait = 90 * time.Second

func init() { addCommand(60, newTokenCmd) }

const tokenExample = `setupwiz token jane@outlook.com
setupwiz token --refresh jane@outlook.com   # renew now: does the sign-in still work?`

func newTokenCmd(e *env) *cobra.Command {
	var renew bool
	c := &cobra.Command{
		Use:               "token [flags] NAME",
		Short:             "print a fresh OAuth2 access token for a profile (for mail programs to call)",
		Example:           tokenExample,
		Args:              oneProfileName,
		ValidArgsFunction: savedProfileNames(e),
		RunE: func(c *cobra.Command, args []string) error {
			return runToken(c.Context(), args[0], renew, e)
		},
	}
	c.Flags().BoolVar(&renew, "refresh", false, "renew the sign-in now even when the stored access token is still good "+
		"(shows that the provider still accepts it)")
	return c
}

// oneProfileName requires exactly one argument, the profile name.
func oneProfileName(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usagef("%s takes one profile NAME (see 'setupwiz profiles' and '%s')", c.Name(), helpHint(c))
	}
	return nil
}

// runToken is `setupwiz token NAME`: print a fresh OAuth2 access token for
// the profile on stdout, for mail programs to call (mutt's
// pop_oauth_refresh_command). It renews the sign-in when the stored token
// is about to run out and stores the refresh token the provider sends back.
// Exit 0 with the token; 1 when the sign-in must be renewed by a person or
// the provider cannot be reached; 2 for a profile that does not exist or
// does not use OAuth2.
func runToken(ctx context.Context, name string, renew bool, e *env) error {
	store := wizardStore(e)
	p, err := store.Load(name)
	if errors.Is(err, profile.ErrNotFound) || (err != nil && !isReadFailure(err)) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	if p.OAuth == nil {
		return usagef("profile %q logs in with a password, not OAuth2: there is no token to print", p.Name)
	}
	tok, err := freshToken(ctx, e, store, p, renew)
	if err != nil {
		return tokenFailure(p, err)
	}
	// A token is RFC 6750 b64token characters, which Line leaves alone;
	// whatever else a token endpoint sent must not steer the terminal.
	fmt.Fprintln(e.stdout, termtext.Line(tok.Reveal()))
	return nil
}

// isReadFailure tells an unreadable profile file (exit 1) from a bad name (exit 2).
func isReadFailure(err error) bool {
	var fe profile.FieldErrors
	return !errors.As(err, &fe) && !errors.Is(err, profile.ErrNotFound)
}

// freshToken renews under a per-profile lock, so two mail programs asking at
// once do not both spend the same refresh token.
func freshToken(ctx context.Context, e *env, store profile.Store, p profile.Profile, renew bool) (profile.Password, error) {
	lock, err := profile.LockBesideWait(ctx, tokenPath(store, p.Name), tokenLockWait)
	if err != nil {
		return profile.Password{}, fmt.Errorf("renewing the sign-in of %s: %w", p.Name, err)
	}
	defer lock.Unlock()
	cfg := oauth.Config{Provider: p.OAuth.Provider, Client: oauth.Client{ID: p.OAuth.ClientID}}
	v := oauth.StoreVault(newSecrets(e, nil), p.OAuth.Token, p.Name)
	if renew {
		return cfg.Renew(ctx, v)
	}
	return cfg.Fresh(ctx, v)
}

// tokenPath names the sign-in of the profile called name beside its file,
// for the lock that serialises renewals (the sign-in itself is in the
// secret store).
func tokenPath(store profile.Store, name string) string {
	return strings.TrimSuffix(store.Path(name), filepath.Ext(store.Path(name))) + ".token"
}

// tokenFailure says what the person must do; a dead sign-in says "sign in again".
func tokenFailure(p profile.Profile, err error) error {
	if oauth.IsSignInAgain(err) || oauth.KindOf(err) == oauth.KindNoSignIn {
		cause := err
		if u := errors.Unwrap(err); u != nil {
			cause = u
		}
		return failedError{fmt.Sprintf("%s: sign in again: the stored sign-in for %s does not work any more (%v); run: setupwiz repair %s",
			p.Name, p.Email, cause, p.Name)}
	}
	return failedError{fmt.Sprintf("%s: no access token: %v", p.Name, err)}
}
