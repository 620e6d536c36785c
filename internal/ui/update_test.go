package ui

import (
	"errors"
	"image/color"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/exporters"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

func TestAccountChecksTheAddressAsYouType(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	d.typeText("jane@")
	if !strings.Contains(d.view(), "Not an address yet") {
		t.Fatalf("no live complaint about a half-typed address:\n%s", d.view())
	}
	d.press("enter")
	d.at(stepAccount)
	if d.w.screens[stepAccount].(*accountStep).form.focus != 0 {
		t.Fatal("enter moved on from an invalid address")
	}
	d.typeText("example.com")
	if strings.Contains(d.view(), "Not an address yet") {
		t.Fatalf("complaint stays after the address became valid:\n%s", d.view())
	}
	d.press("enter")
	d.typeText("Jane Doe")
	d.press("enter")
	d.at(stepDiscover)
	if p := d.w.s.prof; p.Email != "jane@example.com" || p.DisplayName != "Jane Doe" || p.Incoming.Username != "jane@example.com" {
		t.Fatalf("profile after the account screen: %+v", p)
	}
}

func TestPasswordIsMaskedUntilShown(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	d.typeText("jane@example.com")
	d.press("enter", "enter", "enter")
	d.at(stepPassword)
	d.typeText("hunter2")
	if strings.Contains(d.view(), "hunter2") {
		t.Fatal("the password is visible before ctrl+t")
	}
	d.press("ctrl+t")
	if !strings.Contains(d.view(), "hunter2") {
		t.Fatal("ctrl+t did not show the password")
	}
	d.press("ctrl+t")
	if strings.Contains(d.view(), "hunter2") {
		t.Fatal("second ctrl+t did not hide the password again")
	}
}

func TestEmptyPasswordIsRefused(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	d.typeText("jane@example.com")
	d.press("enter", "enter", "enter")
	d.at(stepPassword)
	d.press("enter")
	if !strings.Contains(d.view(), "Type the password") {
		t.Fatalf("no explanation for the empty password:\n%s", d.view())
	}
	d.at(stepPassword)
}

func TestAdvancedUsernameReachesVerification(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	d := newDriver(t, testConfig(v))
	d.typeText("jane@example.com")
	d.press("enter", "enter", "enter")
	d.typeText("pw")
	d.press("ctrl+o", "tab", "ctrl+u")
	d.typeText("jane")
	d.press("enter")
	d.at(stepVerify)
	if got := v.calls[0].Incoming.Username; got != "jane" {
		t.Fatalf("verifier got username %q, want jane", got)
	}
	if got := v.calls[0].Password.Reveal(); got != "pw" {
		t.Fatalf("verifier got password %q", got)
	}
}

func TestDiscoveryAlternativesAndEditing(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	d := newDriver(t, testConfig(v))
	d.typeText("jane@example.com")
	d.press("enter", "enter")
	d.at(stepDiscover)
	if in := d.w.s.prof.Incoming; in.Host != "pop.example.com" || in.Port != 995 || in.Username != "jane@example.com" {
		t.Fatalf("first candidate not applied: %+v", in)
	}
	d.press("p", "s")
	if in, out := d.w.s.prof.Incoming, d.w.s.prof.Outgoing; in.Port != 110 || out.Port != 587 {
		t.Fatalf("p/s did not switch to the alternatives: %+v %+v", in, out)
	}
	d.press("e")
	d.press("tab", "ctrl+u")
	d.typeText("1995")
	d.press("tab", "ctrl+u")
	d.typeText("bogus")
	for range 8 { // to the last field, which saves
		d.press("enter")
	}
	if !d.w.screens[stepDiscover].(*discoverStep).editing {
		t.Fatal("an invalid security value was accepted")
	}
	d.press("ctrl+u")
	d.typeText("tls")
	for range 8 { // to the last field, which saves
		d.press("enter")
	}
	if d.w.screens[stepDiscover].(*discoverStep).editing {
		t.Fatalf("edit not saved:\n%s", d.view())
	}
	in := d.w.s.prof.Incoming
	if in.Port != 1995 || in.Security != profile.SecurityTLS {
		t.Fatalf("edited server = %+v", in)
	}
	if c, _ := d.w.s.pop.current(); c.Source != sourceEdited {
		t.Fatalf("edited server not marked as yours: %q", c.Source)
	}
}

func TestAuthFailureOffersTheOtherUsername(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{authFailed, okResult}}
	d := newDriver(t, testConfig(v))
	d.toVerified()
	view := d.view()
	for _, want := range []string{"POP3 failed at login", "rejected the username or password",
		"-ERR [AUTH] Authentication failed.", "app password", "u other username form"} {
		if !strings.Contains(view, want) {
			t.Errorf("failure screen lacks %q:\n%s", want, view)
		}
	}
	d.press("enter")
	d.at(stepVerify)
	d.press("u")
	if len(v.calls) != 2 || v.calls[1].Incoming.Username != "jane" {
		t.Fatalf("u did not retry with the local part: %d calls", len(v.calls))
	}
	if v.calls[1].Outgoing.Username != "jane@example.com" {
		t.Fatalf("u changed the username of SMTP, which worked: %q", v.calls[1].Outgoing.Username)
	}
	if !d.w.s.verified {
		t.Fatal("second attempt succeeded but the screen does not say so")
	}
	d.press("enter")
	d.at(stepPOP)
}

func TestUntrustedCertificateCanBePinned(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{certUntrusted, okResult}}
	d := newDriver(t, testConfig(v))
	d.toVerified()
	fp := "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
	view := d.view()
	for _, want := range []string{"not trusted", "mail.example.com", "SHA-256", "t trust this"} {
		if !strings.Contains(view, want) {
			t.Errorf("certificate screen lacks %q:\n%s", want, view)
		}
	}
	if len(v.calls[0].PinSHA256) != 0 {
		t.Fatal("a certificate was pinned before the user asked")
	}
	d.press("t")
	if q := d.view(); len(v.calls) != 1 || !strings.Contains(q, "Trust this certificate") || !strings.Contains(q, fp[:47]) {
		t.Fatalf("t did not ask first, repeating the fingerprint:\n%s", q)
	}
	d.press("n")
	if len(v.calls) != 1 || len(d.w.s.prof.TLS.PinnedSHA256) != 0 || !strings.Contains(d.view(), "was not trusted") {
		t.Fatalf("n trusted the certificate anyway: %+v", d.w.s.prof.TLS)
	}
	d.press("t", "y")
	if len(v.calls) != 2 || !slices.Contains(v.calls[1].PinSHA256, fp) {
		t.Fatalf("t, y did not retry with the pin: %+v", v.calls)
	}
	if !slices.Contains(d.w.s.prof.TLS.PinnedSHA256, fp) {
		t.Fatal("the pin is not kept in the profile")
	}
}

func TestTryAllAlternativesWalksTheCandidates(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{authFailed, okResult}}
	d := newDriver(t, testConfig(v))
	d.toVerified()
	d.press("a")
	if len(v.calls) != 2 {
		t.Fatalf("try-all made %d calls, want 2", len(v.calls))
	}
	if !v.calls[0].UsernameVariants || v.calls[0].Incoming.Port != 995 {
		t.Fatalf("the first check should try both username forms (none was given): %+v", v.calls[0])
	}
	if v.calls[1].Incoming.Port != 110 {
		t.Fatalf("try-all should move to the next POP3 candidate, got port %d", v.calls[1].Incoming.Port)
	}
	if v.calls[1].Outgoing.Port != 465 {
		t.Fatalf("SMTP worked, so it must stay on 465, got %d", v.calls[1].Outgoing.Port)
	}
	if !d.w.s.verified {
		t.Fatal("not verified after the alternative worked")
	}
}

func TestLeavingVerificationCancelsAndDropsLateResults(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}, block: make(chan struct{})}
	d := newDriver(t, testConfig(v))
	d.typeText("jane@example.com")
	d.press("enter", "enter", "enter")
	d.typeText("pw")
	d.hold = true
	d.press("enter")
	d.at(stepVerify)
	d.press("esc")
	d.at(stepPassword)
	d.release() // the abandoned attempt ends (cancelled) and its answer arrives late
	if len(v.ctxErr) != 1 {
		t.Fatalf("leaving the screen did not cancel the check: %v", v.ctxErr)
	}
	if d.w.s.verified || d.w.screens[stepVerify].(*verifyStep).running {
		t.Fatal("the late answer of the abandoned attempt was used")
	}
}

func TestStaleVerificationResultIsIgnored(t *testing.T) {
	v := &verifyStep{attempt: 3}
	w := newWizard(t.Context(), testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	w.cur = stepVerify
	v.running = true
	res := okResult(verify.Options{})
	v.onMsg(w, verifyDoneMsg{attempt: 2, result: res})
	if w.s.verified || !v.running {
		t.Fatal("a result of attempt 2 was applied to attempt 3")
	}
	v.onMsg(w, verifyDoneMsg{attempt: 3, result: res})
	if !w.s.verified {
		t.Fatal("the result of the current attempt was dropped")
	}
}

func TestPOPOptions(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	d := newDriver(t, testConfig(v))
	d.toVerified()
	d.press("enter")
	d.at(stepPOP)
	d.press("down", "ctrl+u")
	d.typeText("30")
	d.press("down", "space", "down", "ctrl+u")
	d.typeText("5")
	d.press("enter")
	d.at(stepExport)
	want := profile.POPOptions{LeaveOnServer: true, KeepDays: 30, DeleteWhenDeleted: true, CheckIntervalMinutes: 5}
	if got := d.w.s.prof.POP; got != want {
		t.Fatalf("POP options = %+v, want %+v", got, want)
	}
	d.press("esc", "up", "space", "enter")
	want = profile.POPOptions{LeaveOnServer: false, KeepDays: 0, DeleteWhenDeleted: false, CheckIntervalMinutes: 5}
	if got := d.w.s.prof.POP; got != want {
		t.Fatalf("after turning leave-on-server off: %+v, want %+v", got, want)
	}
}

func TestExportWritesTheChosenTargets(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	cfg := testConfig(v)
	ex := &fakeExporter{existing: map[string][]byte{"mutt": []byte("set realname='Old'\n")}}
	cfg.Exporter = ex
	d := newDriver(t, cfg)
	d.toVerified()
	d.press("enter", "enter")
	d.at(stepExport)
	d.press("down", "down", "space") // fetchmail off
	d.press("down", "space")         // mobileconfig on
	d.press("down", "space")         // secrets: inline
	d.press("up", "up", "up", "d")   // mutt: show the diff
	if view := d.view(); !strings.Contains(view, "-set realname='Old'") {
		t.Fatalf("no diff preview for the existing muttrc:\n%s", view)
	}
	d.press("enter")
	d.at(stepDone)
	var targets []string
	for _, p := range ex.applied {
		targets = append(targets, p.Target)
	}
	if !slices.Equal(targets, []string{"thunderbird", "mutt", "mobileconfig"}) {
		t.Fatalf("applied %v", targets)
	}
	if ex.applied[0].Secrets != "inline" {
		t.Fatalf("secret mode %q, want inline", ex.applied[0].Secrets)
	}
	if view := d.view(); !strings.Contains(view, "/out/mutt  replaced") || !strings.Contains(view, "old version as NAME.setupwiz-20261125T120000Z.bak") {
		t.Fatalf("done screen does not show the backup:\n%s", d.view())
	}
	d.press("enter")
	if !d.quit || !d.w.finished {
		t.Fatal("enter on the done screen did not finish")
	}
	out := d.w.s.out
	if len(out.Written) != 3 || out.Profile.Email != "jane@example.com" || len(out.Profile.Exports) != 3 {
		t.Fatalf("outcome = %+v", out)
	}
}

func TestCtrlCQuitsFromEveryScreen(t *testing.T) {
	for step := stepAccount; step < stepCount; step++ {
		v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
		d := newDriver(t, testConfig(v))
		d.w.cur = step
		d.press("ctrl+c")
		if !d.quit || !d.w.aborted {
			t.Errorf("ctrl+c on %q did not abort", d.w.screens[step].name())
		}
	}
}

func TestRepairEntry(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.Profiles = []string{"home", "work"}
	d := newDriver(t, cfg)
	if !strings.Contains(d.view(), "ctrl+r") {
		t.Fatal("no repair hint with saved profiles")
	}
	d.press("ctrl+r", "down", "enter")
	if !d.quit || d.w.s.out.RepairName != "work" {
		t.Fatalf("repair choice: quit=%v name=%q", d.quit, d.w.s.out.RepairName)
	}
}

func TestQuestionMarkIsTypedInFieldsAndOpensHelpElsewhere(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	d := newDriver(t, testConfig(v))
	d.typeText("?")
	if d.w.showHelp || d.w.screens[stepAccount].(*accountStep).form.value(0) != "?" {
		t.Fatal("? in the email field did not type a question mark")
	}
	d.press("f1")
	if !d.w.showHelp {
		t.Fatal("f1 did not open the help")
	}
	d.press("f1", "ctrl+u")
	d.toVerified()
	d.press("?")
	if !d.w.showHelp || !strings.Contains(d.view(), "back") {
		t.Fatal("? on the verification screen did not open the help")
	}
}

func TestEveryScreenFitsTheWindow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 20}} {
		v := &fakeVerifier{results: []func(verify.Options) verify.Result{certUntrusted}}
		d := newDriver(t, testConfig(v))
		d.w.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		d.toVerified()
		for step := stepAccount; step < stepCount; step++ {
			d.w.cur = step
			lines := strings.Split(d.w.render(), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d %q: %d lines", size[0], size[1], d.w.screens[step].name(), len(lines))
			}
			for _, l := range lines {
				if w := lipglossWidth(l); w > size[0] {
					t.Errorf("%dx%d %q: line of width %d: %q", size[0], size[1], d.w.screens[step].name(), w, l)
				}
			}
		}
	}
}

func TestExportEnterBeforePlansAreReadyWritesOnceTheyAre(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
	cfg := testConfig(v)
	ex := &fakeExporter{}
	cfg.Exporter = ex
	d := newDriver(t, cfg)
	d.toVerified()
	d.press("enter")
	d.hold = true
	d.press("enter", "enter") // onto the export screen, and enter at once
	d.at(stepExport)
	if len(ex.applied) != 0 {
		t.Fatal("applied before the plans were ready")
	}
	d.release()
	d.at(stepDone)
	if len(ex.applied) != 3 {
		t.Fatalf("applied %d plans after they became ready, want 3", len(ex.applied))
	}
}

func TestExportDropsADefaultTargetThatCannotBePlanned(t *testing.T) {
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.Exporter = failingTarget{&fakeExporter{}, "thunderbird"}
	d := newDriver(t, cfg)
	d.toVerified()
	d.press("enter", "enter")
	d.at(stepExport)
	if e := d.w.screens[stepExport].(*exportStep); e.selected["thunderbird"] || !e.selected["mutt"] {
		t.Fatalf("selection after a failed plan: %v", e.selected)
	}
	if !strings.Contains(d.view(), "no Thunderbird profile found") {
		t.Fatalf("the reason is not shown:\n%s", d.view())
	}
	d.press("space", "enter") // the user insists: writing is refused with the reason
	d.at(stepExport)
	if !strings.Contains(d.view(), "Nothing was written: Thunderbird: no Thunderbird profile found") {
		t.Fatalf("no refusal:\n%s", d.view())
	}
}

// failingTarget cannot plan one target.
type failingTarget struct {
	*fakeExporter
	target string
}

func (f failingTarget) Plan(targets []string, p profile.Profile, o exporters.Options) ([]exporters.Plan, error) {
	if slices.Contains(targets, f.target) {
		return nil, errors.New("no Thunderbird profile found")
	}
	return f.fakeExporter.Plan(targets, p, o)
}

func TestLightBackgroundSwitchesStyles(t *testing.T) {
	d := newDriver(t, testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}))
	if !d.w.st.isDark {
		t.Fatal("the wizard should assume a dark background until the terminal answers")
	}
	d.w.Update(tea.BackgroundColorMsg{Color: color.White})
	if d.w.st.isDark {
		t.Fatal("a white background did not switch to the light styles")
	}
	dark := newStyles(true).header.Render("x")
	if d.w.st.header.Render("x") == dark {
		t.Fatal("light and dark headers look the same")
	}
}

func TestProviderPOPHintsSeedTheOptionsButNeverTurnOffLeaveOnServer(t *testing.T) {
	res := exampleDiscovery()
	days, every, off := 14, 30, false
	res.POP3[0].POP = &discover.POPHints{KeepDays: &days, CheckIntervalMinutes: &every}
	res.POP3[1].POP = &discover.POPHints{LeaveOnServer: &off}
	cfg := testConfig(&fakeVerifier{results: []func(verify.Options) verify.Result{okResult}})
	cfg.Discoverer = fakeDiscoverer{res}
	d := newDriver(t, cfg)
	d.toVerified()
	want := profile.POPOptions{LeaveOnServer: true, KeepDays: 14, CheckIntervalMinutes: 30}
	if got := d.w.s.prof.POP; got != want {
		t.Fatalf("POP options = %+v, want %+v", got, want)
	}
	d.w.s.pop.advance()
	d.w.s.applyPOPHints()
	if !d.w.s.prof.POP.LeaveOnServer {
		t.Fatal("a provider hint turned leave-on-server off")
	}
}

// TestUsernameFormsFollowWhatTheUserDid: a username setupwiz derived from
// the address is tried in both forms; one the user gave (--username, typed,
// or switched with u) only as given.
func TestUsernameFormsFollowWhatTheUserDid(t *testing.T) {
	s := newSession(Config{})
	s.setAccount("jane@example.com", "Jane")
	s.setUsername("")
	if s.login(nil).UsernameGiven {
		t.Error("the address, derived, counts as given")
	}
	s.setUsername("jane")
	if !s.login(nil).UsernameGiven {
		t.Error("a typed username is not taken as given")
	}
	seed := profile.New("jane@example.com", "Jane")
	s = newSession(Config{Seed: seed, UsernameGiven: true})
	s.setUsername("jane@example.com")
	if !s.login(nil).UsernameGiven {
		t.Error("--username jane@example.com kept as the username is not taken as given")
	}
}
