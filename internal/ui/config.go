package ui

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// Discoverer finds candidate servers for an address. progress is called from
// other goroutines while sources report; it never blocks.
type Discoverer interface {
	Discover(ctx context.Context, email string, progress func(discover.SourceReport)) (discover.Result, error)
}

// Verifier logs in to both servers as setup decides (*setup.Flow is one).
// The UI sets l.Progress to follow the steps live. The error says the check
// could not start at all.
type Verifier interface {
	Verify(ctx context.Context, l setup.Login) (verify.Result, error)
}

// Exporter plans and writes client configuration; *exporters.Placer is one.
// Apply is atomic per file.
type Exporter interface {
	Plan(targets []string, p profile.Profile, o exporters.Options) ([]exporters.Plan, error)
	Apply(plans []exporters.Plan) ([]profile.ExportRecord, []string, error)
}

// Config is everything the wizard needs from its caller.
type Config struct {
	// Seed pre-fills the account (from flags, or from the demo server).
	Seed profile.Profile
	// SeedIncoming / SeedOutgoing mark Seed's servers as given by the user:
	// they become the first candidate, labelled "your settings".
	SeedIncoming, SeedOutgoing bool
	// UsernameGiven marks Seed's username as chosen by the user
	// (--username): it is tried as given, even when it is the full address.
	UsernameGiven bool
	// SeedPOP marks Seed.POP as chosen by the user (--keep-days and the like):
	// provider hints then leave it alone.
	SeedPOP bool
	// Password pre-fills the password (from --password-stdin/-file, or the demo).
	Password profile.Password
	// PasswordFrom says where Password came from, for line mode to tell the
	// user ("--password-file ~/.mailpass", "the demo"); empty means one of
	// --password-stdin and --password-file.
	PasswordFrom string
	// ReadPassword reads a password from the terminal without echo (line mode).
	// nil means there is no terminal to read it from. When the context ends
	// first, line mode stops waiting for it; the caller restores the terminal.
	ReadPassword func() (profile.Password, error)

	Discoverer Discoverer
	Verifier   Verifier
	Exporter   Exporter
	// Secrets keeps the password for setupwiz repair when the user picks a
	// place on the last screen; nil offers only "ask each time".
	Secrets SecretKeeper
	// SignIn signs in accounts whose servers take OAuth2 (*setup.Flow is
	// one); nil: such accounts cannot be set up.
	SignIn SignerIn
	// PreferDevice signs in with a device code where the provider allows it (--oauth-device).
	PreferDevice bool

	In  io.Reader // keys (TUI) or answers (line mode)
	Out io.Writer // the interface; cmd passes stderr
	// InputIsTerminal says In is a terminal, which echoes answers itself;
	// otherwise line mode repeats each piped answer so the output reads as a transcript.
	InputIsTerminal bool

	Accessible bool   // line mode instead of the TUI
	Verbose    bool   // line mode says what each discovery source answered
	NoColor    bool   // NO_COLOR: no colours (bold and reverse stay)
	Title      string // shown in the header, e.g. "demo"
	OutDir     string // where exports go when not the real locations; shown on the export screen
	// Targets is the initial export selection; nil selects thunderbird, mutt and fetchmail.
	Targets []string
	// Profiles are the names of saved profiles; when present, the first screen
	// offers to repair one instead (Outcome.RepairName).
	Profiles []string
	// Width and Height fix the size instead of asking the terminal (tests).
	Width, Height int
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Outcome is what the wizard produced.
type Outcome struct {
	Profile profile.Profile
	Written []profile.ExportRecord
	Backups []string
	// RepairName is set when the user chose to repair a saved profile instead;
	// nothing else is set then, and the caller runs repair for that name.
	RepairName string
}

// ErrAborted means the user left the wizard (ctrl+c, or end of input in line mode).
// Nothing was written.
var ErrAborted = errors.New("the wizard was aborted; nothing was written")

// allTargets are the export targets offered, in display order.
var allTargets = []string{"thunderbird", "mutt", "fetchmail", "mobileconfig"}

func (c Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c Config) passwordFrom() string {
	if c.PasswordFrom != "" {
		return c.PasswordFrom
	}
	return "--password-stdin or --password-file"
}
