// Package secrets fetches and stores the account password where the
// profile's SecretRef says it lives: the system keyring (Secret Service,
// macOS Keychain, Windows Credential Manager via go-keyring), the pass(1)
// password store, a command the user wrote, or nowhere ("ask each time").
//
// Passwords travel only as profile.Password and reach child processes on
// stdin, never in argv. When a backend is unavailable (for example a headless
// Linux machine without a Secret Service), every call says so and names the
// alternatives that do work: a password is never dropped silently.
package secrets
