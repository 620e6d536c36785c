package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/oauth"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/setup"
	"github.com/setupwiz/setupwiz/internal/termtext/termtexttest"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// hostileConfig is a wizard whose every source of text gives s: discovery,
// each verification result, the planned and written files (and the old
// content of one), the saved profiles' names, the password store's errors.
// Every bool of what they return is flag.
func hostileConfig(s string, flag bool, results []func(verify.Options) verify.Result) Config {
	if results == nil {
		results = []func(verify.Options) verify.Result{okResult}
	}
	var hostile []func(verify.Options) verify.Result
	for _, r := range results {
		hostile = append(hostile, func(o verify.Options) verify.Result { return termtexttest.Filled(r(o), s, flag) })
	}
	cfg := testConfig(&fakeVerifier{results: hostile})
	cfg.Discoverer = fakeDiscoverer{termtexttest.Filled(exampleDiscovery(), s, flag)}
	cfg.Exporter = &hostileExporter{fakeExporter{existing: map[string][]byte{"mutt": []byte(s)}}, s, flag}
	cfg.Profiles = []string{s, "home"}
	cfg.Secrets = &fakeKeeper{kinds: []profile.SecretKind{profile.SecretPass}, fail: errors.New(s)}
	return cfg
}

// hostileExporter plans and writes like fakeExporter, with every string of
// its plans, records and backups set to s.
type hostileExporter struct {
	fakeExporter
	s    string
	flag bool
}

func (h *hostileExporter) Plan(targets []string, p profile.Profile, o exporters.Options) ([]exporters.Plan, error) {
	plans, err := h.fakeExporter.Plan(targets, p, o)
	return termtexttest.Filled(plans, h.s, h.flag), err
}

func (h *hostileExporter) Apply(plans []exporters.Plan) ([]profile.ExportRecord, []string, error) {
	recs, backups, err := h.fakeExporter.Apply(plans)
	return termtexttest.Filled(recs, h.s, h.flag), termtexttest.Filled(backups, h.s, h.flag), err
}

// hostileSizes: narrow (the paths that wrap and clip) and wide, both tall
// enough that the whole body is on screen, none of it scrolled away.
var hostileSizes = []tea.WindowSizeMsg{{Width: 60, Height: 400}, {Width: 160, Height: 400}}

// checkWizardScreen walks a hostile wizard to st and looks for a leak in the
// frame (only the styles' own SGR sequences may be there), the window
// title and what the wizard prints when it ends.
func checkWizardScreen(t *testing.T, results []func(verify.Options) verify.Result, walk func(*driver), s string, flag bool) error {
	for _, size := range hostileSizes {
		d := newDriver(t, hostileConfig(s, flag, results))
		d.w.Update(size)
		walk(d)
		v := d.w.View()
		if err := termtexttest.LeakStyled(v.Content); err != nil {
			return err
		}
		if err := termtexttest.Leak(v.WindowTitle); err != nil {
			return err
		}
		var done bytes.Buffer
		printDone(&done, d.w.s, 80)
		if err := termtexttest.Leak(done.String()); err != nil {
			return err
		}
	}
	return nil
}

// TestHostileTextWizard is the hostile-input property for the full-screen
// wizard: on every screen of the golden tests, with every string that came
// from the network or a file set to a hostile one, no escape but the
// wizard's own styling reaches the terminal.
func TestHostileTextWizard(t *testing.T) {
	for name, walk := range wizardWalks() {
		t.Run(name, func(t *testing.T) {
			for _, s := range append(termtexttest.Hostile, termtexttest.All()) {
				for _, flag := range []bool{false, true} {
					if err := walk(t, s, flag); err != nil {
						t.Fatalf("%q (bools %v): %v", s, flag, err)
					}
				}
			}
		})
	}
}

// wizardWalks are the golden tests' screens, the list of saved profiles
// (which the golden "account_repair" fills with its own names), the
// sign-in, and line mode after each kind of check.
func wizardWalks() map[string]func(t *testing.T, s string, flag bool) error {
	walks := map[string]func(t *testing.T, s string, flag bool) error{
		"account_repair_hostile": func(t *testing.T, s string, flag bool) error {
			return checkWizardScreen(t, nil, func(d *driver) { d.press("ctrl+r") }, s, flag)
		},
		"sign_in": signInWalk,
	}
	for _, st := range screenStates {
		walks[st.name] = func(t *testing.T, s string, flag bool) error {
			return checkWizardScreen(t, st.results, st.setup, s, flag)
		}
	}
	for name, base := range map[string]func(verify.Options) verify.Result{"ok": okResult, "auth": authFailed, "certificate": certUntrusted, "security": wrongSecurity} {
		walks["lines_"+name] = func(t *testing.T, s string, flag bool) error {
			return checkLines(t, []func(verify.Options) verify.Result{base}, s, flag)
		}
	}
	return walks
}

// FuzzHostileTextUI runs one walk of TestHostileTextWizard, picked by the
// fuzzer, with fuzzed text: one walk per run keeps runs short.
func FuzzHostileTextUI(f *testing.F) {
	walks := wizardWalks()
	names := slices.Sorted(maps.Keys(walks))
	for i, s := range termtexttest.Hostile {
		f.Add(s, false, uint8(i))
	}
	f.Fuzz(func(t *testing.T, s string, flag bool, which uint8) {
		name := names[int(which)%len(names)]
		if err := walks[name](t, s, flag); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	})
}

// hostileSignIn signs in with a provider, a prompt and a grant whose every
// string is s; with flag false the sign-in and keeping it fail with s.
type hostileSignIn struct {
	s    string
	flag bool
}

func (h hostileSignIn) provider() profile.OAuthProvider {
	return termtexttest.Filled(profile.OAuthProvider{}, h.s, h.flag)
}

func (h hostileSignIn) OAuthProvider(profile.Profile) (profile.OAuthProvider, bool) {
	return h.provider(), true
}

func (h hostileSignIn) SignInByAddress(string) (profile.OAuthProvider, bool) {
	return h.provider(), true
}
func (h hostileSignIn) DeviceSignIn(profile.Profile) bool { return h.flag }
func (h hostileSignIn) SignInPlaces() []profile.SecretKind {
	return []profile.SecretKind{profile.SecretPass}
}
func (h hostileSignIn) CanOpenBrowser() bool { return h.flag }

func (h hostileSignIn) prompt() oauth.Prompt {
	return termtexttest.Filled(oauth.Prompt{Expires: time.Date(2026, 11, 25, 12, 10, 0, 0, time.UTC)}, h.s, h.flag)
}

func (h hostileSignIn) SignIn(_ context.Context, _ profile.Profile, _ bool, show func(oauth.Prompt)) (setup.SignedIn, error) {
	show(h.prompt())
	if !h.flag {
		return setup.SignedIn{}, errors.New(h.s)
	}
	return termtexttest.Filled(setup.SignedIn{}, h.s, h.flag), nil
}

func (h hostileSignIn) KeepSignIn(p profile.Profile, _ setup.SignedIn, _ profile.SecretKind) (profile.Profile, error) {
	return termtexttest.Filled(p, h.s, h.flag), errors.New(h.s)
}

// signInWalk goes to the sign-in of an OAuth2 account and checks its prompt,
// its failure and, when it works, the check after it.
func signInWalk(t *testing.T, s string, flag bool) error {
	for _, size := range hostileSizes {
		cfg := hostileConfig(s, flag, nil)
		cfg.SignIn = hostileSignIn{s, flag}
		cfg.Discoverer = fakeDiscoverer{termtexttest.Filled(oauthDiscovery(), s, flag)}
		cfg.Password = profile.NewPassword("given")
		d := newDriver(t, cfg)
		d.w.Update(size)
		d.typeText("jane@example.com")
		d.press("enter", "enter")
		frames := []string{d.w.render()} // the servers, saying there is no password step
		d.hold = true
		d.press("enter")
		if d.w.cur != stepVerify || !d.w.screens[stepVerify].(*verifyStep).sign.active {
			return fmt.Errorf("OAuth2 servers did not go straight to the sign-in:\n%s", d.view())
		}
		vs := d.w.screens[stepVerify].(*verifyStep)
		frames = append(frames, d.w.render())
		d.w.onJob(signInPromptMsg{vs.sign.attempt, hostileSignIn{s, flag}.prompt()})
		frames = append(frames, d.w.render())
		d.hold = false
		d.release()
		frames = append(frames, d.w.render())
		for _, f := range frames {
			if err := termtexttest.LeakStyled(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// lineScripts are answers that take line mode down each path: everything
// accepted, each failure action in turn, a sign-in.
func lineScripts() [][]string {
	account := []string{"jane@example.com", "Jane Doe", "y", ""}
	scripts := [][]string{append(account, "", "", "", "", "thunderbird, mutt, fetchmail, mobileconfig", "inline", "y", "pass")}
	for n := 1; n <= 9; n++ {
		scripts = append(scripts, append(account, strconv.Itoa(n), "y", "", "", "", "", "", "", "", "1"))
	}
	return scripts
}

// checkLines runs line mode on every script against a hostile wizard whose
// checks give results and looks for a leak in everything it printed: line
// mode writes no escape at all.
func checkLines(t *testing.T, results []func(verify.Options) verify.Result, s string, flag bool) error {
	for i, answers := range lineScripts() {
		cfg := hostileConfig(s, flag, results)
		cfg.Password, cfg.Verbose = profile.NewPassword("pw"), true
		if i == 0 {
			cfg.SignIn = hostileSignIn{s, flag}
		}
		var out bytes.Buffer
		cfg.In, cfg.Out = strings.NewReader(strings.Join(answers, "\n")+"\n"), &out
		RunLines(t.Context(), cfg)
		if err := termtexttest.Leak(out.String()); err != nil {
			return fmt.Errorf("answers %q: %w", answers, err)
		}
	}
	return nil
}
