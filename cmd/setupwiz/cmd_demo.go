package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/setupwiz/setupwiz/internal/demo"
	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/ui"
	"github.com/spf13/cobra"
)

func init() { addCommand(70, newDemoCmd) }

func newDemoCmd(e *env) *cobra.Command {
	var f wizardFlags
	var keep bool
	c := &cobra.Command{
		Use:     "demo [flags]",
		Short:   "try the whole wizard against a built-in demo mail server",
		Example: "setupwiz demo --keep-running",
		Args:    noArgs,
		RunE:    func(c *cobra.Command, _ []string) error { return runDemo(c.Context(), &f, keep, e) },
	}
	fs := c.Flags()
	fs.StringVar(&f.out, "out", "", "write the demo's files into this directory (default: a new temporary folder)")
	fs.BoolVar(&f.lines, "lines", false, "plain numbered prompts instead of the full-screen wizard (also: ACCESSIBLE=1)")
	fs.BoolVar(&keep, "keep-running", false, "after the wizard, keep the demo mail server running until ctrl+c, to try the written files")
	return c
}

// runDemo is `setupwiz demo`: the whole wizard against an in-process POP3 and
// SMTP server on loopback, exporting into a folder of its own. Nothing in the
// user's home or profile store is read or written.
func runDemo(ctx context.Context, f *wizardFlags, keep bool, e *env) error {
	dir, err := demoDir(f.out)
	if err != nil {
		return err
	}
	srv, err := demo.Start(ctx, demo.Options{})
	if err != nil {
		return fmt.Errorf("starting the demo mail server: %w", err)
	}
	err = runDemoWizard(ctx, e, f, srv, dir)
	if err == nil && keep {
		err = serveUntilInterrupted(ctx, e, srv, dir)
	}
	srv.Close()
	if err == nil {
		demoOver(e, dir, keep)
	}
	return err
}

// demoOver says where the files are and that nothing else was touched.
func demoOver(e *env, dir string, kept bool) {
	fmt.Fprintln(e.stderr)
	if kept {
		sayWrapped(e, "The demo mail server has stopped, so these files have nothing to connect to any more. They are in:")
	} else {
		sayWrapped(e, "The demo mail server has stopped, so these files have nothing to connect to now ('setupwiz demo --keep-running' keeps it up to try them). They are in:")
	}
	sayWrapped(e, "  "+dir)
	sayWrapped(e, "Nothing outside that folder was changed. Remove it with:")
	sayWrapped(e, "  rm -r "+dir)
}

// serveUntilInterrupted keeps the demo server up so the written files can be
// tried with the real programs; ctrl+c ends it normally (exit 0).
func serveUntilInterrupted(ctx context.Context, e *env, srv *demo.Server, dir string) error {
	fmt.Fprintln(e.stderr)
	sayWrapped(e, fmt.Sprintf("The demo mail server keeps running on %s (POP3 %d, SMTP %d). Try the files:", srv.Host, srv.POP3S, srv.Submissions))
	sayWrapped(e, "  fetchmail -c -f "+filepath.Join(dir, "fetchmailrc"))
	sayWrapped(e, fmt.Sprintf("The password is %q. Press ctrl+c to stop it.", srv.Password))
	<-ctx.Done()
	return nil
}

// demoDir returns the export folder: the one given, or a new temporary one.
func demoDir(out string) (string, error) {
	if out == "" {
		dir, err := os.MkdirTemp("", "setupwiz-demo-")
		if err != nil {
			return "", fmt.Errorf("making a folder for the demo's files: %w (pass --out DIR)", err)
		}
		return dir, nil
	}
	if err := os.MkdirAll(out, 0o700); err != nil {
		return "", usagef("--out: %v", err)
	}
	return filepath.Abs(out)
}

func runDemoWizard(ctx context.Context, e *env, f *wizardFlags, srv *demo.Server, dir string) error {
	caFile := filepath.Join(dir, "demo-ca.pem")
	if err := os.WriteFile(caFile, srv.CAPEM, 0o644); err != nil {
		return fmt.Errorf("writing the demo CA certificate: %w", err)
	}
	lines := f.lineMode(e)
	cfg := demoConfig(e, srv, dir, caFile, lines)
	introduceDemo(e, srv, dir)
	r := runUI(ctx, cfg, lines)
	if errors.Is(r.err, ui.ErrAborted) {
		return errInterrupted
	}
	return r.err
}

// demoConfig seeds the wizard with the demo account (its password is "demo"
// and pre-filled), trusts the demo CA, and exports only into dir.
func demoConfig(e *env, srv *demo.Server, dir, caFile string, lines bool) ui.Config {
	seed := srv.Profile()
	seed.TLS.CAFile = caFile
	flow := &setup.Flow{Roots: srv.Roots, Timeout: 10 * time.Second,
		Placer: &exporters.Placer{Home: dir, ConfigDir: dir, OutDir: dir, WorkDir: dir}}
	cfg := ui.Config{
		Seed: seed, Password: profile.NewPassword(srv.Password), PasswordFrom: "the demo account",
		Discoverer: demoDiscoverer{srv}, Verifier: flow, Exporter: flow,
		In: bufio.NewReader(e.stdin), Out: e.stderr, InputIsTerminal: e.stdinIsTerminal,
		NoColor: e.getenv("NO_COLOR") != "", Title: "demo", OutDir: dir,
		ReadPassword: terminalPassword(e),
	}
	if !lines {
		cfg.In = e.stdin // the TUI needs the terminal itself to switch it to raw mode
	}
	return cfg
}

// introduceDemo says what the demo is, wrapped to the terminal: it stays in
// the scrollback above the wizard.
func introduceDemo(e *env, srv *demo.Server, dir string) {
	sayWrapped(e, fmt.Sprintf("setupwiz demo: a practice mail server runs inside this program on %s, POP3 on ports %d (TLS) and %d (STLS), SMTP on %d (TLS) and %d (STARTTLS).",
		srv.Host, srv.POP3S, srv.POP3, srv.Submissions, srv.Submission))
	sayWrapped(e, fmt.Sprintf("Account %s, password %q (it is a demo). Files go to:", srv.Email, srv.Password))
	sayWrapped(e, "  "+dir)
	fmt.Fprintln(e.stderr)
}

// demoDiscoverer "finds" the demo servers for any address, as a preset would,
// so the discovery screen looks as it does for a known provider.
type demoDiscoverer struct{ srv *demo.Server }

func (d demoDiscoverer) Discover(ctx context.Context, email string, progress func(discover.SourceReport)) (discover.Result, error) {
	start := time.Now()
	res := discover.Result{Email: email, Provider: "the setupwiz demo", Winner: discover.SourcePreset}
	pop3, smtp := d.srv.Servers()
	res.POP3, res.SMTP = demoCandidates(pop3, email), demoCandidates(smtp, email)
	for _, src := range discover.Sources() {
		r := discover.SourceReport{Source: src, State: discover.StateSkipped, Detail: "not needed in the demo"}
		if src == discover.SourcePreset {
			r = discover.SourceReport{Source: src, State: discover.StateFound, Detail: "the built-in demo servers", Duration: time.Since(start)}
		}
		if progress != nil {
			progress(r)
		}
		res.Sources = append(res.Sources, r)
	}
	res.Duration = time.Since(start)
	return res, ctx.Err()
}

// demoCandidates makes preset candidates with the username the user typed.
func demoCandidates(servers []profile.Server, email string) []discover.Candidate {
	var out []discover.Candidate
	for _, s := range servers {
		s.Username = email
		out = append(out, discover.Candidate{Server: s, Source: discover.SourcePreset, Trusted: true})
	}
	return out
}
