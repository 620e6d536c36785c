// Package oauth signs a mail account in with OAuth 2.0 (RFC 6749) so POP3
// and SMTP can log in with XOAUTH2 or OAUTHBEARER (RFC 7628) instead of a
// password, as Microsoft requires and Google prefers.
//
// Two ways to sign in, both on golang.org/x/oauth2:
//   - the authorization code grant with PKCE (RFC 7636) and a loopback
//     redirect (RFC 8252): a browser opens the provider's page, which sends
//     the code back to a one-request server on 127.0.0.1;
//   - the device authorization grant (RFC 8628): the user types a short code
//     on any device, for providers that allow it for the mail scopes.
//
// The result is a Grant whose refresh token goes only to the secret store
// (keyring or pass) through a Vault; Fresh turns it into an access token,
// refreshing when needed and storing the replacement refresh token a
// provider returns. A refresh token the provider no longer accepts
// (invalid_grant: expired or revoked) is an *Error of KindSignInAgain, which
// callers tell apart from a wrong password.
//
// setupwiz ships no client ID: Client comes from flags, the environment or
// oauth.toml (ParseClientFile).
package oauth
