package oauth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"golang.org/x/oauth2"
)

// Kind is what went wrong with a sign-in or a token refresh, from one closed list.
type Kind string

const (
	KindSignInAgain    Kind = "sign_in_again"    // the stored sign-in expired or was revoked (invalid_grant)
	KindDenied         Kind = "denied"           // the user (or an admin policy) declined on the provider's page
	KindCodeExpired    Kind = "code_expired"     // the device code or sign-in window ran out
	KindClient         Kind = "client_rejected"  // the provider does not accept the client ID (or secret)
	KindNoClient       Kind = "no_client"        // no client ID was configured
	KindNoRefreshToken Kind = "no_refresh_token" // the provider signed in but gave nothing to stay signed in with
	KindNoSignIn       Kind = "no_sign_in"       // nothing is stored yet for this account
	KindStore          Kind = "store"            // the secret store could not be read or written
	KindProvider       Kind = "provider"         // any other refusal from the provider
	KindNetwork        Kind = "network"          // the provider could not be reached in time
	KindCanceled       Kind = "canceled"         // the user stopped waiting
)

// ErrSignInAgain matches (errors.Is) every *Error of KindSignInAgain.
var ErrSignInAgain = errors.New("sign in again")

// Error is a failed OAuth step: what was being done, with which provider, why.
type Error struct {
	Kind     Kind
	Op       string // "signing in", "renewing the sign-in", …
	Provider string // display name
	Err      error  // the cause (an *oauth2.RetrieveError, a network error, …)
}

func (e *Error) Error() string {
	msg := e.Op
	if e.Provider != "" {
		msg += " with " + e.Provider
	}
	if e.Err != nil {
		msg += ": " + describe(e.Err)
	}
	return msg + ": " + e.Hint()
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrSignInAgain) true for KindSignInAgain.
func (e *Error) Is(target error) bool { return target == ErrSignInAgain && e.Kind == KindSignInAgain }

// Hint is one sentence a person can act on.
func (e *Error) Hint() string {
	switch e.Kind {
	case KindSignInAgain:
		return "the provider no longer accepts the stored sign-in (it expired or was revoked): sign in again (setupwiz repair)"
	case KindDenied:
		return "access was not granted on the provider's page; sign in again and accept, or ask your admin whether mail programs are allowed"
	case KindCodeExpired:
		return "the sign-in was not finished in time; start it again"
	case KindClient:
		return "the provider rejected the client ID: check the registration (redirect URI, public client, API permissions) as the README describes"
	case KindNoClient:
		return "setupwiz ships no client ID: register one (README, \"OAuth2 sign-in\") and pass --oauth-client-id, set SETUPWIZ_OAUTH_CLIENT_ID, or put it in oauth.toml"
	case KindNoRefreshToken:
		return "the provider gave no refresh token, so the sign-in would stop working within the hour; check that the registration allows offline access"
	case KindNoSignIn:
		return "this account has not signed in yet: run setupwiz repair (or the wizard) to sign in"
	case KindStore:
		return "check that the keyring or pass store named in the profile works (setupwiz repair can move it)"
	case KindNetwork:
		return "check the connection to the provider and try again"
	case KindCanceled:
		return "the sign-in was stopped; nothing was saved"
	}
	return "try again later; if it keeps failing, sign in again"
}

// IsSignInAgain reports whether err means the stored sign-in is dead.
func IsSignInAgain(err error) bool { return errors.Is(err, ErrSignInAgain) }

// KindOf returns the Kind of an *Error in err's chain, or "".
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// classify turns a token endpoint failure into an *Error.
func classify(op, provider string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: kindOf(err), Op: op, Provider: provider, Err: err}
}

func kindOf(err error) Kind {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return retrieveKind(re)
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return KindCanceled
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne):
		return KindNetwork
	}
	return KindProvider
}

// retrieveKind maps the RFC 6749 §5.2 and RFC 8628 §3.5 error codes.
func retrieveKind(re *oauth2.RetrieveError) Kind {
	switch re.ErrorCode {
	case "invalid_grant":
		return KindSignInAgain
	case "access_denied":
		return KindDenied
	case "expired_token":
		return KindCodeExpired
	case "invalid_client", "unauthorized_client":
		return KindClient
	}
	return KindProvider
}

// describe is the provider's own words, bounded, without the HTTP body dump
// oauth2.RetrieveError.Error adds when there is no error code.
func describe(err error) string {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return err.Error()
	}
	s := re.ErrorCode
	if s == "" && re.Response != nil {
		s = fmt.Sprintf("HTTP %d", re.Response.StatusCode)
	}
	if re.ErrorDescription != "" {
		s += " (" + bounded(re.ErrorDescription, 300) + ")"
	}
	return "the provider answered " + s
}

func bounded(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
