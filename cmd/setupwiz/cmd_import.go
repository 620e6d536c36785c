package main

import (
	"errors"
	"strings"
	"time"

	"github.com/setupwiz/setupwiz/internal/importers"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
	"github.com/setupwiz/setupwiz/internal/termtext"
	"github.com/spf13/cobra"
)

const importExample = `setupwiz import --from thunderbird ~/.thunderbird/abcd.default/prefs.js --name home`

type importFlags struct {
	from, name, email, secret string
	force                     bool
}

func init() { addCommand(60, newImportCmd) }

func newImportCmd(e *env) *cobra.Command {
	var x importFlags
	c := &cobra.Command{
		Use:               "import [flags] [PATH]",
		Short:             "read an existing client configuration into a profile",
		Example:           importExample,
		Args:              maxOneArg("PATH"),
		ValidArgsFunction: fileNames,
		RunE:              func(_ *cobra.Command, args []string) error { return runImport(&x, firstArg(args), e) },
	}
	fs := c.Flags()
	fs.StringVar(&x.from, "from", "", "the `CLIENT`: "+strings.Join(importers.Formats(), ", "))
	fs.StringVar(&x.name, "name", "", "save the profile under this `NAME` (default: from the address)")
	fs.StringVar(&x.email, "email", "", "pick the account with this `ADDRESS` when the file holds several")
	fs.StringVar(&x.secret, "secret", "prompt", "where the password lives: `WHERE` is keyring, pass:ENTRY, command:CMD or prompt (ask each time)")
	fs.BoolVar(&x.force, "force", false, "replace a saved profile of the same name")
	return c
}

// runImport is `setupwiz import`: read an existing client configuration into a saved profile.
func runImport(x *importFlags, path string, e *env) error {
	p, err := x.read(path, e)
	if err != nil {
		return err
	}
	return x.save(p, e)
}

// read imports the file and picks one account.
func (x *importFlags) read(path string, e *env) (profile.Profile, error) {
	if x.from == "" {
		return profile.Profile{}, usagef("--from is required: %s", strings.Join(importers.Formats(), ", "))
	}
	if path == "" {
		path = importers.DefaultPath(x.from, e.getenv("HOME"))
	}
	if path == "" {
		return profile.Profile{}, usagef("give the PATH of the %s file (there is no usual place for it)", x.from)
	}
	ps, err := importers.ImportFile(x.from, path)
	if len(ps) == 0 {
		return profile.Profile{}, err
	}
	if err != nil {
		termtext.Fprintf(e.stderr, "setupwiz: some accounts in %s were skipped: %v\n", path, err)
	}
	return x.pick(ps, path)
}

func (x *importFlags) pick(ps []profile.Profile, path string) (profile.Profile, error) {
	if x.email != "" {
		for _, p := range ps {
			if strings.EqualFold(p.Email, x.email) {
				return p, nil
			}
		}
		return profile.Profile{}, usagef("%s has no account for %s (it has: %s)", path, x.email, emails(ps))
	}
	if len(ps) > 1 {
		return profile.Profile{}, usagef("%s holds %d POP3 accounts (%s): pick one with --email", path, len(ps), emails(ps))
	}
	return ps[0], nil
}

func emails(ps []profile.Profile) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Email
	}
	return strings.Join(out, ", ")
}

// save names the profile, sets its secret reference and stores it.
func (x *importFlags) save(p profile.Profile, e *env) error {
	if x.name != "" {
		p.Name = x.name
	}
	ref, err := parseSecretRef(x.secret)
	if err != nil {
		return err
	}
	if err := secretUsable(e, ref); err != nil {
		return err
	}
	p.Secret = ref
	if err := p.Validate(); err != nil {
		return usagef("the imported profile is not valid: %v", err)
	}
	p.History = append(p.History, profile.HistoryEntry{When: nowUTC(), Summary: "imported from " + x.from})
	if err := x.store(wizardStore(e), p); err != nil {
		return err
	}
	writeProfileTable(e.stderr, []profile.Profile{p})
	termtext.Fprintf(e.stderr, "\nSaved as %q (not verified yet). Check and fix it with: setupwiz repair %s\n", p.Name, p.Name)
	if ref.Kind == profile.SecretKeyring || ref.Kind == profile.SecretPass {
		termtext.Fprintf(e.stderr, "No password is stored in %s yet: repair asks for it once (or reads --password-stdin) and stores it there when it works.\n", repair.SecretPlace(ref))
	}
	return nil
}

// store saves p; without --force only when no profile of that name exists,
// checked under the store's lock so two imports cannot both think so.
func (x *importFlags) store(store profile.Store, p profile.Profile) error {
	var err error
	if x.force {
		err = store.Save(p)
	} else {
		err = store.Update(p.Name, func(_ profile.Profile, found bool) (profile.Profile, error) {
			if found {
				return p, usagef("a profile named %q exists already: choose another --name, or --force to replace it", p.Name)
			}
			return p, nil
		})
	}
	var ue usageError
	if err != nil && !errors.As(err, &ue) {
		return failedError{err.Error()}
	}
	return err
}

// secretUsable refuses a place to keep the password that does not work on
// this machine (a keyring without a Secret Service, pass without a store),
// naming the choices that do. Being asked each time always works.
func secretUsable(e *env, ref profile.SecretRef) error {
	if ref.Kind == profile.SecretPrompt {
		return nil
	}
	if err := newSecrets(e, nil).Available(ref.Kind); err != nil {
		return usagef("--secret %s: %v", ref.Kind, err)
	}
	return nil
}

// parseSecretRef reads keyring, prompt, pass:ENTRY or command:CMD.
func parseSecretRef(s string) (profile.SecretRef, error) {
	kind, ref, _ := strings.Cut(s, ":")
	r := profile.SecretRef{Kind: profile.SecretKind(kind), Ref: ref}
	switch r.Kind {
	case profile.SecretKeyring, profile.SecretPrompt:
		if ref == "" {
			return r, nil
		}
	case profile.SecretPass, profile.SecretCommand:
		if ref != "" {
			return r, nil
		}
	}
	return r, usagef("--secret %q: use keyring, prompt, pass:ENTRY or command:CMD", s)
}

func nowUTC() time.Time { return time.Now().UTC() }
