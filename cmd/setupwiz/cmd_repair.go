package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/secrets"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const repairExample = `setupwiz repair jane@spectrum.net --json   # diagnose only; exit 1 when broken`

type repairFlags struct {
	jsonOut, apply, force bool
	passwordStdin         bool
	passwordFile          string
	caFile                string
	timeout               time.Duration
	noDiscover            bool
	secret                string
}

func (x *repairFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&x.jsonOut, "json", false, "diagnose only: print the diagnosis as JSON on standard output, change nothing; exit 1 when broken")
	fs.BoolVar(&x.apply, "apply", false, "fix what can be fixed without asking (a new password comes from --password-stdin/--password-file)")
	fs.BoolVar(&x.force, "force", false, "rewrite exported files even where setupwiz's part was edited by hand (a backup is kept)")
	fs.BoolVar(&x.passwordStdin, "password-stdin", false, "read a password from the first line of standard input: used when the saved one cannot be read, and with --apply as the new one if the server rejects the saved one")
	fs.StringVar(&x.passwordFile, "password-file", "", "like --password-stdin, from the first line of this `FILE`")
	fs.StringVar(&x.caFile, "ca-file", "", "a PEM `FILE` of extra CA certificates to trust; a profile without a CA file keeps it once it works")
	fs.DurationVar(&x.timeout, "timeout", verify.DefaultTimeout, "deadline (a `DURATION`) for each check (the default leaves room for two logins a server delays), e.g. 10s or 1m")
	fs.BoolVar(&x.noDiscover, "no-discover", false, "do not ask discovery whether the provider moved its servers")
	fs.StringVar(&x.secret, "secret", "", "keep the password somewhere else from now on: `WHERE` is keyring, pass:ENTRY, command:CMD or prompt (ask each time); it is stored there once it works")
}

func init() { addCommand(40, newRepairCmd) }

func newRepairCmd(e *env) *cobra.Command {
	var x repairFlags
	c := &cobra.Command{
		Use:               "repair [flags] [NAME]",
		Short:             "check a saved profile and fix what broke",
		Example:           repairExample,
		Args:              maxOneArg("profile NAME"),
		ValidArgsFunction: savedProfileNames(e),
		RunE: func(c *cobra.Command, args []string) error {
			return runRepair(c.Context(), &x, firstArg(args), e)
		},
	}
	x.register(c.Flags())
	return c
}

// firstArg is args[0], or "" when there is none.
func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// runRepair is `setupwiz repair [NAME]`: verify a saved profile, name what
// broke, and fix it (interactively, or with --apply).
func runRepair(ctx context.Context, x *repairFlags, name string, e *env) error {
	store := wizardStore(e)
	p, err := pickProfile(store, name)
	if err != nil {
		return err
	}
	r := &repairRun{x: *x, e: e, in: bufio.NewReader(e.stdin), store: store}
	return r.run(ctx, p)
}

// pickProfile loads NAME, or the only saved profile when no name is given.
func pickProfile(store profile.Store, name string) (profile.Profile, error) {
	if name != "" {
		p, err := store.Load(name)
		if errors.Is(err, profile.ErrNotFound) {
			return p, usagef("%v", err)
		}
		if err != nil {
			return p, failedError{err.Error()}
		}
		return p, nil
	}
	ps, err := store.List()
	switch {
	case len(ps) == 1:
		return ps[0], nil
	case len(ps) == 0 && err != nil:
		return profile.Profile{}, failedError{err.Error()}
	case len(ps) == 0:
		return profile.Profile{}, usagef("no saved profiles to repair: set one up with setupwiz, or setupwiz import")
	}
	return profile.Profile{}, usagef("name the profile to repair: %s", emailsOrNames(ps))
}

func emailsOrNames(ps []profile.Profile) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// repairRun holds one repair's state.
type repairRun struct {
	x       repairFlags
	e       *env
	in      *bufio.Reader
	store   profile.Store
	given   profile.Password   // from --password-stdin/--password-file
	storePW bool               // the working password must be stored where the profile says
	moved   *profile.SecretRef // where the password lived before --secret
	adopted bool               // --ca-file becomes the profile's CA file
}

func (r *repairRun) run(ctx context.Context, p profile.Profile) error {
	if p.OAuth != nil {
		return r.runOAuth(ctx, p)
	}
	var err error
	if r.given, err = r.givenPassword(); err != nil {
		return err
	}
	sec := newSecrets(r.e, r.promptFunc())
	pw, store, err := r.password(sec, &p)
	if err != nil {
		return err
	}
	r.storePW = store
	r.adoptCAFile(&p)
	deps, err := r.deps(sec)
	if err != nil {
		return err
	}
	termtext.Fprintf(r.e.stderr, "Checking %s against the live servers…\n", nameAndEmail(p))
	d := repair.Diagnose(ctx, p, pw, deps)
	if ctx.Err() != nil {
		return errInterrupted
	}
	if r.x.jsonOut {
		return r.writeJSON(d, p)
	}
	writeDiagnosis(r.e.stderr, d)
	return r.fix(ctx, d, p, pw, deps)
}

// givenPassword reads --password-stdin / --password-file, if given.
func (r *repairRun) givenPassword() (profile.Password, error) {
	a := accountFlags{passwordStdin: r.x.passwordStdin, passwordFile: r.x.passwordFile}
	return a.password(r.in)
}

// promptFunc asks on the terminal (no echo), or nil when there is none or --apply/--json forbid asking.
func (r *repairRun) promptFunc() func(string) (profile.Password, error) {
	ask := terminalPassword(r.e)
	if ask == nil || r.x.apply || r.x.jsonOut {
		return nil
	}
	return func(account string) (profile.Password, error) {
		termtext.Fprintf(r.e.stderr, "Password for %s: ", account)
		pw, err := ask()
		fmt.Fprintln(r.e.stderr)
		return pw, err
	}
}

func (r *repairRun) deps(sec secrets.Store) (repair.Deps, error) {
	a := accountFlags{caFile: r.x.caFile}
	roots, err := a.roots()
	if err != nil {
		return repair.Deps{}, err
	}
	d := repair.Deps{
		Secrets: sec,
		Flow:    &setup.Flow{Roots: roots, Timeout: r.x.timeout, Placer: newHomePlacer(r.e), CertDir: certDir(r.e), Store: r.store},
	}
	if !r.x.noDiscover {
		d.Discoverer = repairDiscoverer{discover.Options{Roots: roots, Timeout: 5 * time.Second}}
	}
	return d, nil
}

func (r *repairRun) writeJSON(d repair.Diagnosis, p profile.Profile) error {
	if err := writeJSON(r.e.stdout, map[string]any{"diagnosis": d, "plan": r.plan(d, p)}); err != nil {
		return err
	}
	if d.Broken() {
		return failedError{}
	}
	return nil
}

// plan is the diagnosis's plan plus what the flags ask for (a CA file, a new place for the password).
func (r *repairRun) plan(d repair.Diagnosis, p profile.Profile) repair.Plan {
	plan := d.Plan(p)
	r.caPlan(&plan)
	r.secretPlan(&plan, r.storePW)
	return plan
}

// fix plans, confirms (unless --apply), applies and reports.
func (r *repairRun) fix(ctx context.Context, d repair.Diagnosis, p profile.Profile, pw profile.Password, deps repair.Deps) error {
	plan := r.plan(d, p)
	switch {
	case plan.Temporary:
		return failedError{downWords(d) + " right now; this looks temporary, so nothing was changed: try again later"}
	case plan.Empty() && d.OK:
		fmt.Fprintln(r.e.stderr, "Everything works; nothing to repair.")
		return r.recordVerified(p, d, deps.Flow)
	}
	writePlan(r.e.stderr, plan, repair.Preview(plan.Profile, pw, plan.NeedPassword, deps))
	if plan.Empty() {
		return failedError{"repair cannot fix this by itself: see above"}
	}
	if !r.x.apply && !r.confirm("Apply these fixes?") {
		return failedError{"nothing was changed"}
	}
	out, err := repair.Apply(ctx, plan, pw, deps, r)
	writeOutcome(r.e.stderr, out)
	if err != nil {
		return failedError{err.Error()}
	}
	if len(out.Remaining) > 0 || len(plan.UserAction) > 0 {
		return failedError{"repaired what could be repaired; some things still need you (see above)"}
	}
	return nil
}

// recordVerified saves when the profile was last verified and the
// certificates seen, so a later repair can tell an outage or a new
// certificate from settings that never worked.
func (r *repairRun) recordVerified(p profile.Profile, d repair.Diagnosis, flow *setup.Flow) error {
	if err := flow.SaveVerified(p.Name, d.Checked); err != nil {
		return failedError{"everything works, but saving the verification time failed: " + err.Error()}
	}
	return nil
}

// confirm asks a yes/no question on stderr and reads the answer from stdin.
// A terminal echoes the answer and the newline itself; piped, the answer is
// repeated so the output reads as a transcript and goes on on a new line.
func (r *repairRun) confirm(q string) bool {
	termtext.Fprintf(r.e.stderr, "%s [y/N] ", q)
	line, _ := r.in.ReadString('\n')
	ans := strings.ToLower(strings.TrimSpace(line))
	if !r.e.stdinIsTerminal {
		fmt.Fprintln(r.e.stderr, termtext.Line(strings.TrimSpace(line)))
	}
	return ans == "y" || ans == "yes"
}

// NewPassword implements repair.Asker.
func (r *repairRun) NewPassword(_ context.Context, p profile.Profile, why string) (profile.Password, error) {
	if r.x.apply {
		if r.given.IsEmpty() {
			return profile.Password{}, errors.New("--apply cannot ask: give the new password with --password-stdin or --password-file")
		}
		return r.given, nil
	}
	termtext.Fprintf(r.e.stderr, "%s for %s.\n", capitalize(why), p.Email)
	if ask := terminalPassword(r.e); ask != nil {
		fmt.Fprint(r.e.stderr, "New password: ")
		pw, err := ask()
		fmt.Fprintln(r.e.stderr)
		return pw, err
	}
	fmt.Fprint(r.e.stderr, "New password (one line): ")
	pw, err := input.ReadSecretLine(r.in, "new password")
	fmt.Fprintln(r.e.stderr)
	return pw, err
}

// AcceptCertificate implements repair.Asker: never without a person saying yes.
func (r *repairRun) AcceptCertificate(f repair.Finding) bool {
	if r.x.apply {
		fmt.Fprintln(r.e.stderr, "Not trusting the new certificate without asking; run setupwiz repair without --apply to decide.")
		return false
	}
	return r.confirm("Trust the new certificate shown above from now on?")
}

// OverwriteEdited implements repair.Asker.
func (r *repairRun) OverwriteEdited(s repair.ExportState) bool {
	if r.x.force {
		return true
	}
	if r.x.apply {
		return false
	}
	termtext.Fprintf(r.e.stderr, "%s\n", s.Detail)
	return r.confirm(fmt.Sprintf("Rewrite %s anyway (your version is kept as a backup)?", s.Record.Path))
}

// downWords names the services that do not answer.
func downWords(d repair.Diagnosis) string {
	var down []string
	for _, f := range d.Findings {
		down = append(down, strings.ToUpper(string(f.Service)))
	}
	if len(down) == 1 {
		return down[0] + " does not answer"
	}
	return strings.Join(down, " and ") + " do not answer"
}

func nameAndEmail(p profile.Profile) string {
	if p.Name == p.Email {
		return p.Email
	}
	return p.Name + " (" + p.Email + ")"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// repairDiscoverer adapts discover.Discover (without guessing: a guess proves nothing new here).
type repairDiscoverer struct{ o discover.Options }

func (d repairDiscoverer) Discover(ctx context.Context, email string) ([]profile.Server, []profile.Server, error) {
	res, err := discover.Discover(ctx, email, d.o)
	return servers(res.POP3), servers(res.SMTP), err
}

func servers(cs []discover.Candidate) []profile.Server {
	out := make([]profile.Server, len(cs))
	for i, c := range cs {
		out[i] = c.Server
	}
	return out
}

// newHomePlacer places files in the user's real locations, as export without --out does.
func newHomePlacer(e *env) *exporters.Placer {
	wd, _ := os.Getwd()
	return newPlacer(e, "", wd)
}
