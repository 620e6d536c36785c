package verify

import (
	"context"
	"crypto/x509"
	"net"
	"time"

	"github.com/setupwiz/setupwiz/internal/profile"
)

// Dialer opens connections; *net.Dialer satisfies it. Tests inject their own.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// HostResolver looks up a host's addresses; *net.Resolver satisfies it.
type HostResolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// Options configure a check. The zero value of each optional field is a safe default.
type Options struct {
	Email    string
	Incoming profile.Server // POP3; zero means "don't check POP3"
	Outgoing profile.Server // SMTP; zero means "don't check SMTP"
	Password profile.Password
	// OAuthToken is used for XOAUTH2/OAUTHBEARER instead of the password.
	OAuthToken profile.Password

	// Roots are the trusted CAs; nil means the system roots.
	Roots *x509.CertPool
	// ExtraRoots are CAs trusted in addition to Roots (--ca-file). They are
	// tried first, so the system roots are not loaded when these suffice.
	ExtraRoots *x509.CertPool
	// PinSHA256 lists fingerprints (hex, colons optional, any case) accepted even when untrusted.
	PinSHA256 []string
	// AllowPlaintext permits sending credentials over an unencrypted connection.
	AllowPlaintext bool

	// Timeout bounds the whole check (default 30s: two tarpitted logins fit).
	// StepTimeout bounds each step; zero (the default) lets a step use
	// whatever is left of Timeout. Only probes that must give up early
	// (discovery's guesses) set it.
	Timeout     time.Duration
	StepTimeout time.Duration

	// UsernameVariants tries the other username form (local part ↔ full
	// address), on a connection of its own, after the configured one was
	// refused. Set it only when the user did not give the username: an
	// explicit username is tried exactly as given.
	UsernameVariants bool
	// SendTest sends one message to Email and, if POP3 is checked, waits for it to arrive.
	SendTest bool
	// Transcript records a redacted transcript in each ServiceResult.
	Transcript bool

	Dialer Dialer
	// Resolver looks host names up (--dns-server); nil means the system resolver.
	Resolver HostResolver
	// Progress, if set, receives every step as it starts and ends. It is called from
	// several goroutines and must not block.
	Progress func(Event)
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time

	// probing marks the options of a probe that runs for another check
	// (security detection): it does not start detections of its own.
	probing bool
}

// Event reports live progress for a UI.
type Event struct {
	Service Service
	Step    StepName
	State   EventState
	Detail  string        // e.g. "TLS 1.3, localhost", "3 messages, 61 KB"
	Elapsed time.Duration // since this service's check started
	Err     *Error        // set when State is EventFailed
}

// EventState is where a step is.
type EventState int

const (
	EventStarted EventState = iota
	EventDone
	EventFailed
)
