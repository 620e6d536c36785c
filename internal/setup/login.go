package setup

import (
	"context"
	"slices"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Login is one check of an account as the user set it up.
type Login struct {
	// Profile holds the servers (a zero server is not checked), the
	// address and the trust the user gave: CA file, pins, plaintext consent.
	Profile profile.Profile
	Secret  Secret
	// UsernameGiven says the user chose the username (--username, typed
	// it, or picked the other form): it is tried exactly as given. When
	// setupwiz derived it from the address, the other form (local part ↔
	// full address) is tried too, on its own connection.
	UsernameGiven bool
	// SendTest sends one message to the account and awaits it over POP3.
	SendTest bool
	// Transcript keeps the redacted conversation.
	Transcript bool
	// Progress receives each step as it starts and ends (from other
	// goroutines; it must not block).
	Progress func(verify.Event)
}

// Options are the check's options for l: the one place they are built.
func (f *Flow) Options(l Login) (o verify.Options, err error) {
	p := l.Profile
	extra, err := f.caFile(p.TLS.CAFile)
	if err != nil {
		return o, err
	}
	o = verify.Options{
		Email: p.Email, Incoming: p.Incoming, Outgoing: p.Outgoing,
		Roots: f.Roots, ExtraRoots: extra, PinSHA256: slices.Clone(p.TLS.PinnedSHA256),
		AllowPlaintext: p.TLS.AllowPlaintext, Timeout: f.Timeout,
		UsernameVariants: !l.UsernameGiven, SendTest: l.SendTest, Transcript: l.Transcript,
		Dialer: f.Dialer, Resolver: f.Resolver, Progress: l.Progress,
	}
	l.Secret.apply(&o)
	return o, nil
}

// Verify logs in as l says. The error is set only when the check could not
// start (an unreadable CA file); a failed login is in the result.
func (f *Flow) Verify(ctx context.Context, l Login) (verify.Result, error) {
	o, err := f.Options(l)
	if err != nil {
		return verify.Result{}, err
	}
	return f.check(ctx, o), nil
}
