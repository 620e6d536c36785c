package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/input"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/setupwiz/setupwiz/internal/verify"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const exportExample = `printf '%s\n' "$PASS" | setupwiz export --email jane@example.org --pop-host pop.example.org --smtp-host smtp.example.org --password-stdin --format thunderbird,mutt,fetchmail,mobileconfig --out ./mail-config --dry-run`

// exportFlags are the flags of `setupwiz export`.
type exportFlags struct {
	account         accountFlags
	formats         string
	out             string
	dryRun          bool
	secrets         string
	passwordCommand string
	signCert        string
	signKey         string
	unverified      bool
	includePassword bool
	fetchmailMDA    string
	jsonOut         bool
	noSave          bool
	secret          string             // --secret WHERE, as given
	keep            *profile.SecretRef // --secret parsed and checked; nil without it
	flow            *setup.Flow
}

func (x *exportFlags) register(fs *pflag.FlagSet) {
	x.account.register(fs)
	fs.StringVar(&x.formats, "format", "", "comma-separated `FORMATS`: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&x.out, "out", "", "write whole files into this directory instead of installing into each client's own file")
	fs.BoolVar(&x.dryRun, "dry-run", false, "print a unified diff of what would change and write nothing")
	fs.StringVar(&x.secrets, "secrets", "none", "passwords in files: none (the client asks), inline (file written 0600) or command (mutt runs --password-command)")
	fs.StringVar(&x.passwordCommand, "password-command", "", "with --secrets command: a shell command printing the password, e.g. \"pass show mail/jane\"")
	fs.StringVar(&x.signCert, "sign-cert", "", "PEM certificate (then its chain) to sign the .mobileconfig with")
	fs.StringVar(&x.signKey, "sign-key", "", "PEM private key for --sign-cert")
	fs.BoolVar(&x.unverified, "unverified", false, "export without logging in first (each file says it is unverified)")
	fs.BoolVar(&x.includePassword, "include-password", false, "put the password into the .mobileconfig (anyone with the file can read it)")
	fs.StringVar(&x.fetchmailMDA, "fetchmail-mda", "", "deliver fetched mail through this command, e.g. \"/usr/bin/procmail -d %T\" (default: SMTP to localhost)")
	fs.BoolVar(&x.jsonOut, "json", false, "print what was written (or would be) as JSON on standard output")
	fs.BoolVar(&x.noSave, "no-save", false, "do not save the profile and what was written (setupwiz repair uses it)")
	fs.StringVar(&x.secret, "secret", "", "where the saved profile finds the password later: `WHERE` is keyring, pass:ENTRY, command:CMD or prompt (ask each time, the default); keyring and pass get the password once it passed verification")
}

func init() { addCommand(30, newExportCmd) }

func newExportCmd(e *env) *cobra.Command {
	var x exportFlags
	c := &cobra.Command{
		Use:     "export [flags]",
		Short:   "write configuration for Thunderbird, mutt, fetchmail, Apple devices",
		Example: exportExample,
		Args:    noArgs,
		RunE:    func(c *cobra.Command, _ []string) error { return runExport(c.Context(), &x, e) },
	}
	x.register(c.Flags())
	return c
}

// runExport is `setupwiz export`: verify, then write client configuration.
func runExport(ctx context.Context, x *exportFlags, e *env) error {
	targets, err := x.targets()
	if err != nil {
		return err
	}
	if x.keep, err = x.checkSecret(e); err != nil {
		return err
	}
	pl, err := x.placer(e)
	if err != nil {
		return err
	}
	x.flow = newFlow(e, &x.account, pl)
	p, o, err := x.prepare(ctx, e)
	if err != nil {
		return err
	}
	return x.place(targets, p, o, e)
}

// targets parses --format.
func (x *exportFlags) targets() ([]string, error) {
	if strings.TrimSpace(x.formats) == "" {
		return nil, usagef("--format is required: %s (comma-separated)", strings.Join(formatNames(), ", "))
	}
	var out []string
	for _, f := range strings.Split(x.formats, ",") {
		f = strings.TrimSpace(f)
		if _, err := exporters.Lookup(f); err != nil {
			return nil, usagef("--format: %v", err)
		}
		out = append(out, f)
	}
	return out, nil
}

// prepare builds the profile and options, reading the password only when needed, and verifies.
func (x *exportFlags) prepare(ctx context.Context, e *env) (profile.Profile, exporters.Options, error) {
	p, err := x.account.profile()
	if err != nil {
		return p, exporters.Options{}, err
	}
	if err := absoluteCAFile(&p); err != nil {
		return p, exporters.Options{}, err
	}
	o, err := x.options()
	if err != nil {
		return p, o, err
	}
	if x.needsPassword(o) {
		if o.Password, err = x.account.requirePassword(bufio.NewReader(e.stdin)); err != nil {
			return p, o, err
		}
	}
	if !x.unverified {
		p, err = x.verify(ctx, p, o.Password, e)
	}
	return p, o, err
}

// formatNames lists the export formats, from the exporters' own registry.
func formatNames() []string {
	var names []string
	for _, f := range exporters.Formats() {
		names = append(names, f.Name())
	}
	return names
}

func (x *exportFlags) needsPassword(o exporters.Options) bool {
	return !x.unverified || o.Secrets == exporters.SecretsInline || o.IncludePassword
}

func (x *exportFlags) options() (exporters.Options, error) {
	mode, err := exporters.ParseSecretMode(x.secrets)
	if err != nil {
		return exporters.Options{}, usagef("--secrets: %v", err)
	}
	if mode == exporters.SecretsCommand && strings.TrimSpace(x.passwordCommand) == "" {
		return exporters.Options{}, usagef("--secrets command needs --password-command, e.g. --password-command \"pass show mail/jane\"")
	}
	o := exporters.Options{Secrets: mode, Command: x.passwordCommand, Unverified: x.unverified,
		IncludePassword: x.includePassword, FetchmailMDA: x.fetchmailMDA}
	if (x.signCert == "") != (x.signKey == "") {
		return o, usagef("--sign-cert and --sign-key go together")
	}
	if x.signCert != "" {
		if o.SignCert, err = readSmallFile("--sign-cert", x.signCert); err != nil {
			return o, err
		}
		o.SignKey, err = readSmallFile("--sign-key", x.signKey)
	}
	return o, err
}

// readSmallFile reads a PEM file named by a flag: a regular file of at most 1 MiB.
func readSmallFile(flagName, path string) ([]byte, error) {
	return input.ReadFile(flagName, path, 1<<20)
}

// verify logs in to both servers; exporting settings that fail needs --unverified.
func (x *exportFlags) verify(ctx context.Context, p profile.Profile, pw profile.Password, e *env) (profile.Profile, error) {
	l := setup.Login{Profile: p, Secret: setup.PasswordSecret(pw), UsernameGiven: x.account.username != ""}
	if e.stderrIsTerminal {
		termtext.Fprintf(e.stderr, "Checking %s before exporting …\n", checkingWhat(p.Incoming, p.Outgoing))
	}
	r, err := x.flow.Verify(ctx, l)
	if err != nil {
		return p, usagef("--ca-file: %v", err)
	}
	if ctx.Err() != nil {
		return p, errInterrupted
	}
	if !r.OK() {
		writeReport(e.stderr, r, false)
		return p, failedError{"the settings did not pass verification, so nothing was exported: fix them, or pass --unverified to export anyway"}
	}
	reportVerified(e.stderr, r)
	return setup.Adopt(p, r, time.Now()), nil
}

// reportVerified says that the check passed, and which username worked when it was not the one given.
func reportVerified(w io.Writer, r verify.Result) {
	for _, s := range setup.Corrected(r) {
		wrapLine(w, "", fmt.Sprintf("Note: %s: the username %q did not work, %q did; the files use that.",
			serviceTitle(s.Service), s.UsernameTried[0], s.Server.Username))
	}
	writeSummary(w, r)
}

// absoluteCAFile makes --ca-file absolute: mutt, fetchmail and setupwiz
// repair read it later from other working directories.
func absoluteCAFile(p *profile.Profile) error {
	if p.TLS.CAFile == "" || filepath.IsAbs(p.TLS.CAFile) {
		return nil
	}
	abs, err := filepath.Abs(p.TLS.CAFile)
	if err != nil {
		return usagef("--ca-file %s: %v", p.TLS.CAFile, err)
	}
	p.TLS.CAFile = abs
	return nil
}

// place plans the files, then prints the diff (--dry-run) or writes them.
func (x *exportFlags) place(targets []string, p profile.Profile, o exporters.Options, e *env) error {
	plans, err := x.flow.Plan(targets, p, o)
	if err != nil {
		return failedError{err.Error()}
	}
	if x.dryRun {
		return x.showPlans(plans, e)
	}
	if err := x.keepSecret(e, &p, o.Password); err != nil {
		return err
	}
	sides := x.sides(plans)
	records, backups, err := x.flow.Apply(plans)
	reportApplied(e.stderr, plans, records, backups, p, o)
	reportSides(e.stderr, sides, err == nil)
	if err != nil {
		return failedError{err.Error()}
	}
	if !x.noSave {
		if err := x.save(e, p, records); err != nil {
			return failedError{"the files were written, but saving the profile failed: " + err.Error()}
		}
	}
	if x.jsonOut {
		return writeJSON(e.stdout, map[string]any{"written": records, "backups": backups})
	}
	return nil
}

func (x *exportFlags) placer(e *env) (*exporters.Placer, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("finding the current directory: %w", err)
	}
	return newPlacer(e, x.out, wd), nil
}

// newPlacer places files into outDir, or (outDir "") where each client reads
// them, following $HOME, $XDG_CONFIG_HOME and $FETCHMAILHOME; .mobileconfig
// files go to workDir.
func newPlacer(e *env, outDir, workDir string) *exporters.Placer {
	return &exporters.Placer{Home: e.getenv("HOME"), ConfigDir: e.getenv("XDG_CONFIG_HOME"),
		FetchmailHome: e.getenv("FETCHMAILHOME"), OutDir: outDir, WorkDir: workDir}
}

// planDoc is one planned file in --dry-run --json.
type planDoc struct {
	Target  string `json:"target"`
	Path    string `json:"path"`
	Mode    string `json:"mode"`
	Format  string `json:"format"`
	Diff    string `json:"diff"`
	Secret  bool   `json:"secret"`
	Block   bool   `json:"block"`
	Changed bool   `json:"changed"`
	// About says what a file that goes with the exports is (sides only).
	About string `json:"about,omitempty"`
}

// showPlans prints what writing would change: every export, then every
// file that goes with them (the saved pinned certificate, Thunderbird's
// exception for it, mutt's own certificate file), each with its diff.
func (x *exportFlags) showPlans(plans []exporters.Plan, e *env) error {
	var docs, sides []planDoc
	for _, p := range plans {
		docs = append(docs, x.showPlan(p, e, ""))
	}
	for _, s := range x.sides(plans) {
		sides = append(sides, x.showPlan(s.Plan, e, s.About))
	}
	if x.jsonOut {
		return writeJSON(e.stdout, map[string]any{"plans": docs, "sides": sides})
	}
	return nil
}

// sides are the files planned to go with plans (none before the flow is set up).
func (x *exportFlags) sides(plans []exporters.Plan) []setup.Side {
	if x.flow == nil {
		return nil
	}
	return x.flow.Sides(plans)
}

// showPlan prints one planned file (about is set for a file that goes with the exports).
func (x *exportFlags) showPlan(p exporters.Plan, e *env, about string) planDoc {
	if !x.jsonOut {
		fmt.Fprint(e.stdout, termtext.Lines(p.Diff))
	}
	if about == "" {
		termtext.Fprintf(e.stderr, "%s: %s (mode %s) %s\n", p.Target, p.Path, p.Mode, changeWord(p))
	} else {
		wrapLine(e.stderr, "", fmt.Sprintf("%s also: %s, %s (mode %s) %s", p.Target, p.Path, about, p.Mode, changeWord(p)))
	}
	if note := p.LinkNote(); note != "" {
		termtext.Fprintf(e.stderr, "  %s\n", note)
	}
	return planDoc{p.Target, p.Path, p.Mode, p.Format, p.Diff, p.Secret, p.Block, p.Changed(), about}
}

func changeWord(p exporters.Plan) string {
	switch {
	case !p.Changed():
		return "unchanged"
	case p.Old == nil:
		return "would be created"
	}
	return "would be changed"
}

func reportApplied(w io.Writer, plans []exporters.Plan, records []profile.ExportRecord, backups []string, p profile.Profile, o exporters.Options) {
	for i, r := range records {
		verb := "wrote"
		if !plans[i].Changed() {
			verb = "unchanged:"
		}
		termtext.Fprintf(w, "%s %s for %s (mode %s)\n", verb, r.Path, r.Target, plans[i].Mode)
		if note := plans[i].LinkNote(); note != "" {
			termtext.Fprintf(w, "  %s\n", note)
		}
		if plans[i].Secret {
			termtext.Fprintf(w, "  warning: %s holds your password; keep it private (mode 0600)\n", r.Path)
		}
		for _, l := range nextSteps(r, p) {
			wrapLine(w, "  ", l)
		}
	}
	for _, b := range backups {
		termtext.Fprintf(w, "backup: %s\n", b)
	}
	caFileNote(w, records, p)
	if o.Unverified {
		fmt.Fprintln(w, "note: exported without verification (--unverified); the files say so")
	}
}

// reportSides says which files that go with the exports were written too.
func reportSides(w io.Writer, sides []setup.Side, written bool) {
	for _, s := range sides {
		if written && s.Plan.Changed() {
			wrapLine(w, "", fmt.Sprintf("also wrote %s: %s (mode %s)", s.Plan.Path, s.About, s.Plan.Mode))
			if note := s.Plan.LinkNote(); note != "" {
				termtext.Fprintf(w, "  %s\n", note)
			}
		}
	}
}

// nextSteps tells what to do with a file that is not picked up by itself.
func nextSteps(r profile.ExportRecord, p profile.Profile) []string {
	_, domain, _ := profile.SplitEmail(p.Email)
	var steps []string
	switch r.Target {
	case exporters.TargetThunderbird:
		if r.Format == "user.js" {
			steps = append(steps, "Copy it into a new Thunderbird profile, start Thunderbird once, then delete user.js.")
		} else {
			steps = append(steps, "Start Thunderbird: the account is there, and Thunderbird asks for the password at the first check.")
		}
	case exporters.TargetThunderbirdAutoconfig:
		steps = append(steps, fmt.Sprintf("Copy it to <Thunderbird install dir>/isp/%s.xml, or serve it as https://autoconfig.%s/mail/config-v1.1.xml.", domain, domain))
	case exporters.TargetMobileConfig:
		steps = append(steps, "Open it on the Mac, iPhone or iPad (AirDrop, mail or Finder) and install it in Settings.")
	}
	return steps
}

// caFileNote: only the mutt and fetchmail files can name --ca-file; the other
// clients need the CA imported by hand (or the certificate accepted when asked).
func caFileNote(w io.Writer, records []profile.ExportRecord, p profile.Profile) {
	var clients []string
	for _, r := range records {
		if r.Target != exporters.TargetMutt && r.Target != exporters.TargetFetchmail && !slices.Contains(clients, r.Target) {
			clients = append(clients, r.Target)
		}
	}
	if p.TLS.CAFile != "" && len(clients) > 0 {
		wrapLine(w, "", fmt.Sprintf("note: %s cannot name --ca-file in their settings: import %s there as a certificate authority, or accept the server's certificate when asked.",
			strings.Join(clients, ", "), p.TLS.CAFile))
	}
}

// save stores the profile with its export records for setupwiz repair;
// without --secret the saved profile keeps where its password lives.
func (x *exportFlags) save(e *env, p profile.Profile, records []profile.ExportRecord) error {
	if _, err := x.flow.Save(p, records, setup.SaveOptions{KeepSecret: x.keep == nil}); err != nil {
		return err
	}
	termtext.Fprintf(e.stderr, "saved the profile %q; `setupwiz repair %s` checks and fixes it later\n", p.Name, p.Name)
	return nil
}
