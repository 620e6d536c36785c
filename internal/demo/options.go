package demo

import (
	"io"
	"time"
)

// The demo account. The password is shown on screen: it protects nothing.
const (
	DefaultEmail    = "demo@setupwiz.test"
	DefaultPassword = "demo"
	DefaultName     = "Demo User"
)

// Options configure Start. The zero value gives the standard demo.
type Options struct {
	// Email and Password are the demo account's credentials (default demo@setupwiz.test / "demo").
	// The username is the full address, compared case-insensitively as Dovecot does.
	Email    string
	Password string
	// CommandTimeout bounds the wait for each command line (default 60s); an idle
	// client is then told so and disconnected.
	CommandTimeout time.Duration
	// MaxLineLength bounds every line a client sends (default 4096 octets, room
	// for a SASL response with a long password); SMTP lines stay within 2000.
	MaxLineLength int
	// MaxMessageBytes bounds a submitted message (default 10 MiB).
	MaxMessageBytes int64
	// Log receives the SMTP library's internal error messages (default: discarded,
	// so nothing draws over the wizard).
	Log io.Writer
	// Now is the clock for certificates and Received headers (default time.Now).
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Email == "" {
		o.Email = DefaultEmail
	}
	if o.Password == "" {
		o.Password = DefaultPassword
	}
	if o.CommandTimeout <= 0 {
		o.CommandTimeout = 60 * time.Second
	}
	if o.MaxLineLength <= 0 {
		o.MaxLineLength = 4096
	}
	if o.MaxMessageBytes <= 0 {
		o.MaxMessageBytes = 10 << 20
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
