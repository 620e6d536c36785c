package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// screenStates walks a wizard to each state worth a golden file.
var screenStates = []struct {
	name    string
	results []func(verify.Options) verify.Result
	setup   func(d *driver)
}{
	{"account", nil, func(d *driver) {}},
	{"account_invalid", nil, func(d *driver) { d.typeText("jane@exa") }},
	{"account_repair", nil, func(d *driver) { d.w.s.cfg.Profiles = []string{"home", "work"}; d.press("ctrl+r") }},
	{"password", nil, func(d *driver) { toPassword(d); d.typeText("secret") }},
	{"password_advanced", nil, func(d *driver) { toPassword(d); d.typeText("secret"); d.press("ctrl+o") }},
	{"password_given", nil, func(d *driver) {
		d.w.s.cfg.Password, d.w.s.cfg.PasswordFrom = profile.NewPassword("given"), "--password-file ~/.mailpass"
		d.w.s.pass = d.w.s.cfg.Password
		toPassword(d)
	}},
	{"password_plaintext", nil, func(d *driver) {
		toDiscovery(d)
		d.press("p")
		d.w.s.prof.Incoming.Security, d.w.s.prof.TLS.AllowPlaintext = profile.SecurityNone, true
		d.press("enter")
	}},
	{"discovery_running", nil, discoveryRunning},
	{"discovery_done", nil, func(d *driver) { toDiscovery(d) }},
	{"discovery_edit", nil, func(d *driver) { toDiscovery(d); d.press("e") }},
	{"discovery_oauth", nil, func(d *driver) {
		d.w.s.cfg.Password = profile.NewPassword("given")
		d.w.s.pass = d.w.s.cfg.Password
		d.w.s.cfg.SignIn = &fakeSignIn{}
		d.w.s.cfg.Discoverer = fakeDiscoverer{oauthDiscovery()}
		toDiscovery(d)
	}},
	{"verify_running", nil, verifyRunning},
	{"verify_ok", nil, func(d *driver) { d.toVerified() }},
	{"verify_auth_failed", []func(verify.Options) verify.Result{authFailed}, func(d *driver) { d.toVerified() }},
	{"verify_certificate", []func(verify.Options) verify.Result{certUntrusted}, func(d *driver) { d.toVerified() }},
	{"verify_wrong_security", []func(verify.Options) verify.Result{wrongSecurity}, func(d *driver) { d.toVerified() }},
	{"verify_both_rejected", []func(verify.Options) verify.Result{bothRejected}, func(d *driver) { d.toVerified() }},
	{"pop_options", nil, func(d *driver) { d.toVerified(); d.press("enter") }},
	{"export", nil, func(d *driver) { d.toVerified(); d.press("enter", "enter") }},
	{"export_diff", nil, func(d *driver) { d.toVerified(); d.press("enter", "enter", "down", "d") }},
	{"done", nil, func(d *driver) { d.toVerified(); d.press("enter", "enter", "enter") }},
	{"done_keep", nil, func(d *driver) {
		d.w.s.cfg.Secrets = &fakeKeeper{kinds: []profile.SecretKind{profile.SecretKeyring, profile.SecretPass}}
		d.toVerified()
		d.press("enter", "enter", "enter", "space")
	}},
	{"done_keep_headless", nil, func(d *driver) {
		d.w.s.cfg.Secrets = &fakeKeeper{kinds: []profile.SecretKind{profile.SecretPass}}
		d.toVerified()
		d.press("enter", "enter", "enter")
	}},
	{"help", nil, func(d *driver) { d.toVerified(); d.press("?") }},
}

// toDiscovery walks to the servers found.
func toDiscovery(d *driver) {
	d.typeText("jane@example.com")
	d.press("enter")
	d.typeText("Jane Doe")
	d.press("enter")
}

// toPassword walks past the servers to the password screen.
func toPassword(d *driver) {
	toDiscovery(d)
	d.press("enter")
}

// discoveryRunning stops with two sources answered and four still asking.
func discoveryRunning(d *driver) {
	d.typeText("jane@example.com")
	d.press("enter")
	d.typeText("Jane Doe")
	d.hold = true
	d.press("enter")
	ds := d.w.screens[stepDiscover].(*discoverStep)
	for _, r := range exampleDiscovery().Sources[:2] {
		d.w.onJob(discoverEventMsg{ds.attempt, r})
	}
	for _, src := range []discover.Source{"ispdb", "srv", "mx", "guess"} {
		d.w.onJob(discoverEventMsg{ds.attempt, discover.SourceReport{Source: src, State: "pending"}})
	}
}

// verifyRunning stops in the middle of both logins.
func verifyRunning(d *driver) {
	toPassword(d)
	d.typeText("pw")
	d.hold = true
	d.press("enter")
	vs := d.w.screens[stepVerify].(*verifyStep)
	for _, e := range []verify.Event{
		{Service: verify.ServicePOP3, Step: verify.StepConnect, State: verify.EventStarted},
		{Service: verify.ServicePOP3, Step: verify.StepConnect, State: verify.EventDone, Elapsed: 3 * time.Millisecond, Detail: "127.0.0.1"},
		{Service: verify.ServicePOP3, Step: verify.StepTLS, State: verify.EventStarted, Elapsed: 3 * time.Millisecond},
		{Service: verify.ServiceSMTP, Step: verify.StepConnect, State: verify.EventStarted},
	} {
		d.w.onJob(verifyEventMsg{vs.attempt, e})
	}
}

func TestScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{60, 20}, {80, 24}, {120, 40}} {
		for _, st := range screenStates {
			t.Run(st.name+"_"+itoaSize(size.w, size.h), func(t *testing.T) {
				results := st.results
				if results == nil {
					results = []func(verify.Options) verify.Result{okResult}
				}
				cfg := testConfig(&fakeVerifier{results: results})
				cfg.Exporter = &fakeExporter{existing: map[string][]byte{"mutt": []byte("set realname='Old'\n")}}
				d := newDriver(t, cfg)
				d.w.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				st.setup(d)
				golden.RequireEqual(t, asciiFrame(t, d.w.View().Content))
			})
		}
	}
}

// asciiFrame renders a frame as an ASCII terminal would get it: no colours,
// bold and reverse kept.
func asciiFrame(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	if _, err := w.WriteString(s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoaSize(w, h int) string { return fmtInt(w) + "x" + fmtInt(h) }
