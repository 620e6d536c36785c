package ui

import (
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/verify"
)

// oauthConfig is a wizard whose discovery finds OAuth2 servers first (the
// address alone says nothing), with a sign-in that works.
func oauthConfig(v *fakeVerifier) (Config, *fakeSignIn) {
	cfg := testConfig(v)
	si := &fakeSignIn{}
	cfg.SignIn, cfg.Discoverer = si, fakeDiscoverer{oauthDiscovery()}
	return cfg, si
}

func okVerifier() *fakeVerifier {
	return &fakeVerifier{results: []func(verify.Options) verify.Result{okResult}}
}

// header is the frame's first line.
func (d *driver) header() string { return strings.SplitN(d.view(), "\n", 2)[0] }

func TestStepsAreNumberedOnThePath(t *testing.T) {
	s := newSession(Config{SignIn: &fakeSignIn{}})
	for id, want := range map[stepID][2]int{stepAccount: {1, 7}, stepDiscover: {2, 7}, stepPassword: {3, 7}, stepVerify: {4, 7}, stepDone: {7, 7}} {
		if n, of := s.stepNumber(id); n != want[0] || of != want[1] {
			t.Errorf("password account: %v is step %d of %d, want %v", id, n, of, want)
		}
	}
	s.prof.Incoming.Auth = profile.AuthXOAuth2
	for id, want := range map[stepID][2]int{stepDiscover: {2, 6}, stepVerify: {3, 6}, stepPOP: {4, 6}, stepDone: {6, 6}} {
		if n, of := s.stepNumber(id); n != want[0] || of != want[1] {
			t.Errorf("OAuth2 account: %v is step %d of %d, want %v", id, n, of, want)
		}
	}
	if s.following(stepDiscover) != stepVerify || s.preceding(stepVerify) != stepDiscover {
		t.Error("the OAuth2 account's path goes through the password screen")
	}
}

// TestPasswordComesAfterTheServers: the servers are shown before the
// password question, which names them, and esc goes back to them.
func TestPasswordComesAfterTheServers(t *testing.T) {
	v := okVerifier()
	d := newDriver(t, testConfig(v))
	toDiscovery(d)
	d.at(stepDiscover)
	d.press("enter")
	d.at(stepPassword)
	view := d.view()
	for _, want := range []string{"step 3 of 7 · Password", "It is sent to pop.example.com (POP3) and smtp.example.com (SMTP), encrypted",
		"(TLS).", "Username: jane@example.com (ctrl+o to change it)"} {
		if !strings.Contains(view, want) {
			t.Errorf("the password screen lacks %q:\n%s", want, view)
		}
	}
	d.typeText("typed once")
	d.press("esc")
	d.at(stepDiscover)
	d.press("p", "enter") // other servers: the password is asked again, kept, naming them
	d.at(stepPassword)
	if !strings.Contains(strings.Join(strings.Fields(d.view()), " "), "encrypted (STARTTLS for POP3, TLS for SMTP)") {
		t.Errorf("the password screen does not follow the servers:\n%s", d.view())
	}
	d.press("enter")
	d.at(stepVerify)
	if len(v.calls) != 1 || v.calls[0].Password.Reveal() != "typed once" || v.calls[0].Incoming.Port != 110 {
		t.Fatalf("the check did not use the kept password on the new servers: %+v", v.calls)
	}
}

// TestOAuthFoundByDiscoveryAsksNoPassword: OAuth2 servers that only
// discovery knew of: no password screen at all (the steps are numbered
// without it, and the servers screen says why), one sign-in, and back from
// the check goes to the servers.
func TestOAuthFoundByDiscoveryAsksNoPassword(t *testing.T) {
	v := okVerifier()
	cfg, si := oauthConfig(v)
	res := oauthDiscovery() // a second SMTP server that takes OAuth2, on 465
	second := res.SMTP[0]
	second.Server.Port = 465
	res.SMTP = append([]discover.Candidate{res.SMTP[0], second}, res.SMTP[1:]...)
	cfg.Discoverer = fakeDiscoverer{res}
	d := newDriver(t, cfg)
	if h := d.header(); !strings.Contains(h, "step 1 of 7") {
		t.Errorf("before the servers are known: %q", h)
	}
	toDiscovery(d)
	if h, view := d.header(), strings.Join(strings.Fields(d.view()), " "); !strings.Contains(h, "step 2 of 6") || !strings.Contains(view, "not with a password: one step less") ||
		strings.Contains(view, "password you gave") {
		t.Errorf("the servers screen does not say why there is no password step:\n%s", view)
	}
	d.press("enter")
	d.at(stepVerify)
	if h := d.header(); !strings.Contains(h, "step 3 of 6 · Logging in") {
		t.Errorf("header %q", h)
	}
	if si.count() != 1 || len(v.calls) != 1 || v.calls[0].OAuthToken.Reveal() != "token" || !v.calls[0].Password.IsEmpty() {
		t.Fatalf("sign-ins %d, checks %+v: want one sign-in and a check with its token", si.count(), v.calls)
	}
	d.press("esc")
	d.at(stepDiscover)
	d.press("enter")
	d.at(stepVerify)
	if si.count() != 1 {
		t.Errorf("coming forward again signed in again (%d sign-ins)", si.count())
	}
	d.press("enter")
	if h := d.header(); !strings.Contains(h, "step 4 of 6 · Mail on the server") {
		t.Errorf("header %q", h)
	}
	d.press("esc", "esc", "s", "enter") // another SMTP server: checked again
	d.at(stepVerify)
	if len(v.calls) != 2 || v.calls[1].Outgoing.Port != 465 {
		t.Fatalf("the servers changed but the check was not run again: %+v", v.calls)
	}
}

// TestAGivenPasswordIsNotUsedForOAuth: with a password given anyway, the
// servers screen says once that it is not used, and the check does not
// send it.
func TestAGivenPasswordIsNotUsedForOAuth(t *testing.T) {
	v := okVerifier()
	cfg, _ := oauthConfig(v)
	cfg.Password = profile.NewPassword("given")
	d := newDriver(t, cfg)
	toDiscovery(d)
	if n := strings.Count(d.view(), "The password you gave is not used."); n != 1 {
		t.Errorf("said %d times:\n%s", n, d.view())
	}
	d.press("enter")
	d.at(stepVerify)
	if !v.calls[0].Password.IsEmpty() {
		t.Error("the given password went to OAuth2 servers")
	}
	if strings.Contains(d.view(), "password you gave") {
		t.Errorf("said again on the check:\n%s", d.view())
	}
}

// TestEditingTheLoginKindAsksWhatIsNeeded: editing OAuth2 servers into
// password ones brings the password screen; back to oauth2 leaves it out
// and signs in.
func TestEditingTheLoginKindAsksWhatIsNeeded(t *testing.T) {
	v := okVerifier()
	cfg, si := oauthConfig(v)
	d := newDriver(t, cfg)
	toDiscovery(d)
	setLogins(d, loginPassword)
	if in := d.w.s.prof.Incoming; in.Auth != profile.AuthAuto || in.Host != "outlook.example.net" {
		t.Fatalf("edited to a password login: %+v", in)
	}
	d.press("enter")
	d.at(stepPassword)
	if h := d.header(); !strings.Contains(h, "step 3 of 7") {
		t.Errorf("header %q", h)
	}
	d.typeText("pw")
	d.press("esc")
	d.at(stepDiscover)
	setLogins(d, loginOAuth)
	if in := d.w.s.prof.Incoming; in.Auth != profile.AuthXOAuth2 {
		t.Fatalf("edited to OAuth2: %+v", in)
	}
	d.press("enter")
	d.at(stepVerify)
	if si.count() != 1 || !v.calls[0].Password.IsEmpty() {
		t.Fatalf("sign-ins %d, password sent %v", si.count(), !v.calls[0].Password.IsEmpty())
	}
}

// setLogins edits both servers' login kind on the servers screen.
func setLogins(d *driver, kind string) {
	d.press("e")
	for i := range 2 * serverFields {
		if i%serverFields == serverFields-1 {
			d.press("ctrl+u")
			d.typeText(kind)
		}
		d.press("enter")
	}
	if d.w.screens[stepDiscover].(*discoverStep).editing {
		d.t.Fatalf("the edit was not saved:\n%s", d.view())
	}
}

// TestAnotherAddressForgetsTheTypedPassword: a password typed for one
// address is not sent for another.
func TestAnotherAddressForgetsTheTypedPassword(t *testing.T) {
	d := newDriver(t, testConfig(okVerifier()))
	toPassword(d)
	d.typeText("for jane")
	d.press("esc", "esc") // the servers, the account
	d.at(stepAccount)
	d.press("shift+tab", "ctrl+u")
	d.typeText("john@example.com")
	d.press("enter", "enter", "enter")
	d.at(stepPassword)
	if v := d.w.screens[stepPassword].(*passwordStep).form.fields[0].in.Value(); v != "" || !d.w.s.pass.IsEmpty() {
		t.Fatalf("the password typed for jane is still there for john (%d characters)", len(v))
	}
}

// TestACandidateThatTakesAPasswordAsksForIt: after a failed sign-in check,
// n moves to password servers: the password screen comes before the
// check, not an empty password.
func TestACandidateThatTakesAPasswordAsksForIt(t *testing.T) {
	v := &fakeVerifier{results: []func(verify.Options) verify.Result{bothRejected, okResult}}
	cfg, _ := oauthConfig(v)
	d := newDriver(t, cfg)
	toDiscovery(d)
	d.press("enter")
	d.at(stepVerify)
	d.press("n")
	d.at(stepPassword)
	if strings.Contains(d.view(), "did not accept the last password") {
		t.Errorf("the password screen blames a password never sent:\n%s", d.view())
	}
	d.typeText("pw")
	d.press("enter")
	d.at(stepVerify)
	if len(v.calls) != 2 || v.calls[1].Password.Reveal() != "pw" || v.calls[1].Incoming.Host != "pop.example.com" {
		t.Fatalf("checks %+v", v.calls)
	}
}

// TestAnOAuthOnlyAddressWarnsOfPasswordServers: an address whose provider
// takes only OAuth2, with servers that take a password, is warned.
func TestAnOAuthOnlyAddressWarnsOfPasswordServers(t *testing.T) {
	cfg := testConfig(okVerifier())
	cfg.SignIn = &fakeSignIn{byAddress: true}
	d := newDriver(t, cfg)
	toPassword(d)
	if !strings.Contains(strings.Join(strings.Fields(d.view()), " "), "sign in with Example ID (OAuth2), never with a password, but these servers take one") {
		t.Errorf("no warning:\n%s", d.view())
	}
}

func TestLinesOAuthFoundByDiscoveryAsksNoPassword(t *testing.T) {
	v := okVerifier()
	cfg, si := oauthConfig(v)
	cfg.Password = profile.NewPassword("given")
	_, text, err := runLines(t, cfg, "jane@example.com", "", "y", "", "", "", "", "none")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	for _, want := range []string{"Step 2 of 7: Finding your servers.", "These servers sign in with Example ID (OAuth2), not with a password",
		"Step 3 of 6: Logging in.", "Signed in with Example ID.", "Step 6 of 6: Done."} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(text, "Password") || strings.Count(text, "The password you gave is not used.") != 1 {
		t.Errorf("line mode asked for, or kept talking about, a password:\n%s", text)
	}
	if t.Failed() {
		t.Log(text)
	}
	if si.count() != 1 || !v.calls[0].Password.IsEmpty() {
		t.Fatalf("sign-ins %d; password sent %v", si.count(), !v.calls[0].Password.IsEmpty())
	}
}

// TestLinesWithoutAnyPasswordSignsInWithOAuth: no terminal and no password
// given is no obstacle when the servers sign in with OAuth2.
func TestLinesWithoutAnyPasswordSignsInWithOAuth(t *testing.T) {
	cfg, _ := oauthConfig(okVerifier())
	if _, text, err := runLines(t, cfg, "jane@example.com", "", "y", "", "", "", "", "none"); err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
}

// TestLinesShowTheServersBeforeThePassword: the password question comes
// after the servers and says where it goes.
func TestLinesShowTheServersBeforeThePassword(t *testing.T) {
	v := okVerifier()
	cfg := testConfig(v)
	cfg.ReadPassword = func() (profile.Password, error) { return profile.NewPassword("from-tty"), nil }
	_, text, err := runLines(t, cfg, "jane@example.com", "", "y", "", "", "", "", "", "none")
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	servers, goes, asked := strings.Index(text, "Incoming mail (POP3): pop.example.com"),
		strings.Index(text, "It is sent to pop.example.com (POP3) and smtp.example.com (SMTP), encrypted (TLS)."),
		strings.Index(text, "Password (nothing is shown as you type)")
	if servers < 0 || goes < servers || asked < goes || !strings.Contains(text, "Step 3 of 7: Password.") {
		t.Fatalf("servers at %d, where the password goes at %d, the question at %d:\n%s", servers, goes, asked, text)
	}
}

// TestLinesEditingToPasswordAsksForIt: e on the servers from OAuth2 to a
// password login puts the password step back.
func TestLinesEditingToPasswordAsksForIt(t *testing.T) {
	v := okVerifier()
	cfg, si := oauthConfig(v)
	cfg.ReadPassword = func() (profile.Password, error) { return profile.NewPassword("from-tty"), nil }
	edit := []string{"e", "", "", "", "", "password", "", "", "", "", "password", "y"}
	answers := append(append([]string{"jane@example.com", ""}, edit...), "", "", "", "", "", "none")
	_, text, err := runLines(t, cfg, answers...)
	if err != nil {
		t.Fatalf("RunLines: %v\n%s", err, text)
	}
	if !strings.Contains(text, "POP3 login (password, oauth2) [oauth2]: password") || !strings.Contains(text, "Step 3 of 7: Password.") {
		t.Errorf("no password step after editing the login:\n%s", text)
	}
	if si.count() != 0 || v.calls[0].Password.Reveal() != "from-tty" {
		t.Fatalf("sign-ins %d, checks %+v", si.count(), v.calls)
	}
}
