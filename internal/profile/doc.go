// Package profile holds the plain data that travels through setupwiz: the
// account (Profile), its two servers, the POP options, a reference to where
// the password lives (never the password itself) and validation that reports
// field errors. It imports only the standard library and a TOML codec.
package profile
