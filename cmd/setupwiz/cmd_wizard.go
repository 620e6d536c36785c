package main

import (
	"bufio"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/ui"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// wizardFlags are the wizard's own flags on top of the account flags.
type wizardFlags struct {
	account accountFlags
	out     string
	lines   bool
	verbose bool
	noSave  bool
	flow    *setup.Flow
}

// newWizardCmd is `setupwiz` itself, the root of the command tree: without
// a command it starts the wizard, and flags without a command pre-fill it.
func newWizardCmd(e *env) *cobra.Command {
	var f wizardFlags
	c := &cobra.Command{
		Use:     "setupwiz [flags]",
		Short:   "set up a POP3 + SMTP mail account: find the servers, log in, write the client configuration",
		Example: "setupwiz --email jane@example.com --out /tmp/mail",
		Args:    unknownCommand,
		RunE:    func(c *cobra.Command, _ []string) error { return runWizard(c.Context(), &f, c.Flags(), e) },
	}
	f.register(c.Flags())
	return c
}

func (f *wizardFlags) register(fs *pflag.FlagSet) {
	f.account.register(fs)
	f.account.oauth.register(fs)
	fs.StringVar(&f.account.ispdbURL, "ispdb-url", "", "base `URL` of the ISPDB, e.g. https://autoconfig.example.org/v1.1/ "+
		"(default https://autoconfig.thunderbird.net/v1.1/)")
	fs.StringVar(&f.out, "out", "", "write the files into this directory instead of each program's real location")
	fs.BoolVar(&f.lines, "lines", false, "plain numbered prompts instead of the full-screen wizard (also: ACCESSIBLE=1)")
	fs.BoolVar(&f.verbose, "verbose", false, "in line mode, say what each discovery source answered (default: one summary line)")
	fs.BoolVar(&f.noSave, "no-save", false, "do not save the profile for `setupwiz repair`")
}

// runWizard is `setupwiz` with no command: the TUI on a terminal, line mode
// otherwise (stdin or stderr not a terminal, ACCESSIBLE=1, TERM=dumb, --lines).
func runWizard(ctx context.Context, f *wizardFlags, fs *pflag.FlagSet, e *env) error {
	lines := f.lineMode(e)
	cfg, err := f.config(e, lines)
	if err != nil {
		return err
	}
	cfg.SeedPOP = popFlagsGiven(fs)
	restore := keepTerminal(e)
	r := runUI(ctx, cfg, lines)
	restore()
	return finishWizard(ctx, e, f, r)
}

// wizardResult is what ui.Run or ui.RunLines returned.
type wizardResult struct {
	out ui.Outcome
	err error
}

func runUI(ctx context.Context, cfg ui.Config, lines bool) wizardResult {
	if lines {
		out, err := ui.RunLines(ctx, cfg)
		return wizardResult{out, err}
	}
	out, err := ui.Run(ctx, cfg)
	return wizardResult{out, err}
}

// lineMode decides between the TUI and line mode. Without a terminal on both
// stdin and stderr no tea.Program may be built: it would try /dev/tty.
func (f *wizardFlags) lineMode(e *env) bool {
	acc := e.getenv("ACCESSIBLE")
	return f.lines || !e.stdinIsTerminal || !e.stderrIsTerminal ||
		(acc != "" && acc != "0") || e.getenv("TERM") == "dumb"
}

// finishWizard maps the outcome: abort → 130, repair → the repair command,
// success → save the profile and say where.
func finishWizard(ctx context.Context, e *env, f *wizardFlags, r wizardResult) error {
	switch {
	case errors.Is(r.err, ui.ErrAborted):
		return errInterrupted
	case errors.Is(r.err, ui.ErrNoPassword):
		return usagef("%v", r.err)
	case r.err != nil:
		return r.err
	case r.out.RepairName != "":
		return runSubcommand(ctx, newRepairCmd(e), r.out.RepairName)
	}
	if f.noSave || r.out.Profile.Email == "" {
		return nil
	}
	if _, err := f.flow.Save(r.out.Profile, r.out.Written, setup.SaveOptions{}); err != nil {
		return fmt.Errorf("the files were written, but saving the profile failed: %w", err)
	}
	sayWrapped(e, fmt.Sprintf("Saved the profile %q.", r.out.Profile.Name))
	sayWrapped(e, "If it stops working: setupwiz repair "+r.out.Profile.Name)
	return nil
}

// wizardStore is the profile store under $XDG_CONFIG_HOME/setupwiz.
func wizardStore(e *env) profile.Store {
	dir := e.getenv("XDG_CONFIG_HOME")
	if dir == "" {
		dir = filepath.Join(e.getenv("HOME"), ".config")
	}
	return profile.Store{Dir: filepath.Join(dir, "setupwiz")}
}

// config builds the UI's configuration: seed, password, and the real
// discover, verify and export implementations. Line mode reads stdin through
// one shared buffered reader.
func (f *wizardFlags) config(e *env, lines bool) (ui.Config, error) {
	a := &f.account
	seed, err := a.seed()
	if err != nil {
		return ui.Config{}, err
	}
	roots, err := lazyRoots(a)
	if err != nil {
		return ui.Config{}, err
	}
	in := bufio.NewReader(e.stdin)
	f.flow = newFlow(e, a, f.placer(e))
	cfg := ui.Config{
		Seed: seed, SeedIncoming: a.popHost != "", SeedOutgoing: a.smtpHost != "", UsernameGiven: a.username != "",
		Discoverer: discoverer{discover.Options{DNSServer: a.dnsServer, ISPDBURL: a.ispdbURL, Guess: true}, roots},
		Verifier:   f.flow, Exporter: f.flow, In: in, Out: e.stderr,
		NoColor: e.getenv("NO_COLOR") != "", OutDir: f.out, Profiles: savedProfiles(e),
		InputIsTerminal: e.stdinIsTerminal, Verbose: f.verbose,
		SignIn: f.flow, PreferDevice: a.oauth.device,
	}
	if cfg.Password, err = f.account.password(in); err != nil {
		return cfg, err
	}
	cfg.PasswordFrom = passwordSource(a)
	if !lines {
		cfg.In = e.stdin // the TUI needs the terminal itself to switch it to raw mode
	}
	cfg.ReadPassword = terminalPassword(e)
	if !f.noSave {
		cfg.Secrets = f.flow
		time.AfterFunc(rootsWarmUp, f.flow.WarmUp) // where a password can be kept: D-Bus, once, after the first frame
	}
	return cfg, nil
}

// terminalPassword reads a password without echo when stdin is a terminal.
func terminalPassword(e *env) func() (profile.Password, error) {
	f, ok := e.stdin.(*os.File)
	if !ok || !e.stdinIsTerminal {
		return nil
	}
	return func() (profile.Password, error) {
		b, err := term.ReadPassword(int(f.Fd()))
		return profile.NewPassword(string(b)), err
	}
}

// keepTerminal saves the terminal's state and returns the function that puts
// it back: ctrl+c during a password prompt in line mode must not leave echo off.
func keepTerminal(e *env) func() {
	f, ok := e.stdin.(*os.File)
	if !ok || !e.stdinIsTerminal {
		return func() {}
	}
	state, err := term.GetState(int(f.Fd()))
	if err != nil {
		return func() {}
	}
	return func() { _ = term.Restore(int(f.Fd()), state) }
}

func (f *wizardFlags) placer(e *env) *exporters.Placer {
	wd, _ := os.Getwd()
	return newPlacer(e, f.out, wd)
}

// savedProfiles lists the names in the profile store; a broken store offers none.
func savedProfiles(e *env) []string {
	ps, _ := wizardStore(e).List()
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

// seed builds the wizard's starting profile from the account flags; unlike
// profile() the address may be missing (the first screen asks for it).
func (a *accountFlags) seed() (profile.Profile, error) {
	if a.email != "" {
		return a.profile()
	}
	p := profile.New("", a.name)
	if err := a.checkNetwork(); err != nil {
		return p, err
	}
	var err error
	if p.Incoming, err = a.server(p.Incoming, "pop", a.popHost, a.popPort, a.popSecurity, 995, 110); err != nil {
		return p, err
	}
	if p.Outgoing, err = a.server(p.Outgoing, "smtp", a.smtpHost, a.smtpPort, a.smtpSecurity, 465, 587); err != nil {
		return p, err
	}
	p.Incoming.Username, p.Outgoing.Username = a.username, a.username
	p.POP = profile.POPOptions{LeaveOnServer: a.leaveOnServer, KeepDays: a.keepDays,
		DeleteWhenDeleted: a.deleteWhenDeleted, CheckIntervalMinutes: a.checkInterval}
	p.TLS = profile.TLSTrust{CAFile: a.caFile, PinnedSHA256: a.pins, AllowPlaintext: a.allowPlaintext}
	return p, nil
}

// rootsWarmUp is when the system roots start loading: after the first frame,
// which must not share the CPU with parsing a few hundred certificates.
const rootsWarmUp = 150 * time.Millisecond

// lazyRoots checks --ca-file now and returns the trusted roots (system plus
// --ca-file), loaded in the background: reading the system pool takes tens of
// milliseconds, which must not delay the first frame. Only the adapters below
// wait for it, inside the UI's background commands.
func lazyRoots(a *accountFlags) (func() *x509.CertPool, error) {
	if err := a.checkCAFile(); err != nil {
		return nil, err
	}
	load := sync.OnceValue(func() *x509.CertPool {
		pool, err := a.roots()
		if err != nil {
			return x509.NewCertPool() // checked above; an unreadable file now trusts nothing extra
		}
		return pool
	})
	time.AfterFunc(rootsWarmUp, func() { load() })
	return load, nil
}

// discoverer adapts discover.Discover to the UI.
type discoverer struct {
	opts  discover.Options
	roots func() *x509.CertPool
}

func (d discoverer) Discover(ctx context.Context, email string, progress func(discover.SourceReport)) (discover.Result, error) {
	o := d.opts
	o.Progress = progress
	if d.roots != nil {
		o.Roots = d.roots()
	}
	return discover.Discover(ctx, email, o)
}

// passwordSource names the flag the password came from, for line mode to say.
func passwordSource(a *accountFlags) string {
	if a.passwordFile != "" {
		return "--password-file " + a.passwordFile
	}
	return "--password-stdin"
}

// popFlagsGiven reports whether any POP option was set on the command line:
// the user's choice then wins over a provider's suggestion.
func popFlagsGiven(fs *pflag.FlagSet) bool {
	return fs.Changed("leave-on-server") || fs.Changed("keep-days") || fs.Changed("delete-when-deleted") ||
		fs.Changed("check-interval")
}
